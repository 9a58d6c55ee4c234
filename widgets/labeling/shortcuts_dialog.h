#pragma once
// Remapping keys: one field per action of the classification window, the reason next
// to the field when a key is refused (another action or a class uses it).

#include "core/model/label_class.h"

#include <QDialog>
#include <QStringList>
#include <QMap>

#include <vector>

class QKeySequenceEdit;
class QLabel;

namespace pixmark {

class KeySettings;

/// Edits keys in place: an accepted key is stored at once (KeySettings writes through)
/// and keysChanged() is emitted; a refused one is not stored and the field reverts.
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    /// keys must outlive the dialog; classes are the project's, for conflicts.
    /// Remaps actions (classificationActions() or detectionActions()).
    ShortcutsDialog(KeySettings& keys, std::vector<LabelClass> classes, const QStringList& actions,
                    QWidget* parent = nullptr);

    /// What the field of action does when a person records keys there (core normal
    /// form): returns the refusal shown next to the field, empty when accepted.
    QString assign(const QString& action, const QString& keys);
    /// The refusal shown next to action's field (empty when none).
    QString conflictText(const QString& action) const;

signals:
    void keysChanged();

private:
    void showKeys(const QString& action);

    KeySettings& mKeys;
    std::vector<LabelClass> mClasses;
    QMap<QString, QKeySequenceEdit*> mEdits;
    QMap<QString, QLabel*> mConflicts;
};

} // namespace pixmark
