#pragma once
// The dashboard's labeler distribution: one row per labeler with what they labeled,
// skipped and had rejected in the current labeling round.

#include "core/model/dashboard.h"

#include <QTableWidget>

#include <vector>

namespace pixmark {

/// Columns: Labeler, Labeled, Skipped, Rejected.
class LabelerTable : public QTableWidget {
    Q_OBJECT
public:
    /// Empty until setLabelers(); read-only for people.
    explicit LabelerTable(QWidget* parent = nullptr);

    /// Replaces the rows, busiest labeler first.
    void setLabelers(const std::vector<LabelerActivity>& labelers);
    /// The labeled count shown for the labeler with this name; -1 when not shown.
    std::int64_t labeledBy(const QString& name) const;
};

} // namespace pixmark
