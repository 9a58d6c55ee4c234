#pragma once
// Private to widgets/labeling: what BoxLabelingPage holds of one item, shared by its
// source files (box_labeling_page.cpp, previous_items.cpp).

#include "core/model/labeling.h"
#include "widgets/canvas/annotation_document.h"
#include "widgets/labeling/box_labeling_page.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace pixmark {

/// An item checked out for the labeler (or reopened), with its document once shown.
struct BoxLabelingPage::Held {
    ItemId id = 0;
    QString path;
    std::vector<Suggestion> boxes;
    std::unique_ptr<AnnotationDocument> document;
    std::int64_t shownAtMs = 0;
    bool reopened = false;             ///< handed in earlier this session, back on screen
    std::vector<Annotation> submitted; ///< reopened: the item's current label
};

} // namespace pixmark
