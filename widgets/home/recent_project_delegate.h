#pragma once
// Draws one entry of the home window's recent-projects list: the project name in bold
// and its location underneath, greyed when the file no longer exists.

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
    };

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace pixmark
