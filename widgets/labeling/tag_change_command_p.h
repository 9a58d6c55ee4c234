#pragma once
// Private to widgets/labeling: the undo command of one tagging action on the page.

#include "core/labeling/tag_page.h"

#include <QCoreApplication>
#include <QUndoCommand>

#include <functional>
#include <map>
#include <vector>

namespace pixmark {

/// The tags of the items one key press or click changed, before and after. Redo and
/// undo set them on the page (items already handed in are left alone) and call shown()
/// so the tiles follow.
class TagChangeCommand : public QUndoCommand {
public:
    using Tags = std::map<ItemId, std::vector<ClassId>>;

    TagChangeCommand(TagPage& page, Tags before, Tags after, std::function<void()> shown)
        : QUndoCommand(QCoreApplication::translate("pixmark::LabelingWindow", "Tag")), mPage(page),
          mBefore(std::move(before)), mAfter(std::move(after)), mShown(std::move(shown))
    {
    }

    void undo() override { apply(mBefore); }
    void redo() override { apply(mAfter); }

private:
    void apply(const Tags& tags)
    {
        for (const auto& [item, classes] : tags)
            mPage.setTagsOf(item, classes);
        mShown();
    }

    TagPage& mPage;
    Tags mBefore;
    Tags mAfter;
    std::function<void()> mShown;
};

} // namespace pixmark
