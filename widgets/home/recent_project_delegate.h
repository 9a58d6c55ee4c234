#pragma once
// Draws one entry of the home window's recent-projects list: the project name in bold,
// its location underneath (greyed when the file no longer exists) and, once known, how
// far labeling is as a bar and a line of text.

#include <QStyledItemDelegate>

namespace pixmark {

/// Two-line item delegate for the recent-projects list. Reads Qt::DisplayRole (first
/// line) and the roles below; owns nothing.
class RecentProjectDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    /// Item data roles the delegate reads, set by HomeWindow.
    enum Role {
        FilePathRole = Qt::UserRole, ///< absolute path of the project file (QString)
        LocationRole,                ///< second line, a shortened path (QString)
        MissingRole,                 ///< true when the file no longer exists (bool)
        LabeledRole,                 ///< items with a label (qint64); unset until read
        TotalRole,                   ///< items in the project (qint64); unset until read
    };

    /// "45 of 120 labeled (38 %)", or empty when the counts are not known.
    static QString progressText(const QModelIndex& index);

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace pixmark
