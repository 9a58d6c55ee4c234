#pragma once
// The F1 sheet: every key of the classification window and every class key, read-only.

#include "core/model/label_class.h"

#include <QDialog>
#include <QStringList>

#include <vector>

class QTableWidget;

namespace pixmark {

class KeySettings;

/// A non-modal dialog listing actions with their keys, then the classes with theirs.
class ShortcutSheet : public QDialog {
    Q_OBJECT
public:
    /// Lists actions (classificationActions() or detectionActions()) with their keys.
    ShortcutSheet(const KeySettings& keys, const std::vector<LabelClass>& classes, const QStringList& actions,
                  QWidget* parent = nullptr);
    /// The table (rows: actions then classes; columns: what, key), for tests.
    QTableWidget* table() const { return mTable; }

private:
    QTableWidget* mTable;
};

} // namespace pixmark
