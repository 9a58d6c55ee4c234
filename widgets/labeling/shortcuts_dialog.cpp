#include "widgets/labeling/shortcuts_dialog.h"

#include "widgets/labeling/key_settings.h"
#include "widgets/labeling/labeling_actions.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace pixmark {

ShortcutsDialog::ShortcutsDialog(KeySettings& keys, std::vector<LabelClass> classes, const QStringList& actions,
                                 QWidget* parent)
    : QDialog(parent), mKeys(keys), mClasses(std::move(classes))
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard shortcuts"));
    auto* grid = new QGridLayout;
    int row = 0;
    for (const QString& action : actions) {
        auto* edit = new QKeySequenceEdit(this);
        edit->setMinimumWidth(140);
        auto* conflict = new QLabel(this);
        conflict->setStyleSheet(QStringLiteral("color: #c0392b;"));
        auto* reset = new QPushButton(tr("Default"), this);
        grid->addWidget(new QLabel(actionTitle(action), this), row, 0);
        grid->addWidget(edit, row, 1);
        grid->addWidget(reset, row, 2);
        grid->addWidget(conflict, row, 3);
        mEdits.insert(action, edit);
        mConflicts.insert(action, conflict);
        showKeys(action);
        // editingFinished, not keySequenceChanged: the latter also fires on focus changes.
        connect(edit, &QKeySequenceEdit::editingFinished, this,
                [this, action, edit] { assign(action, toCoreKeys(edit->keySequence())); });
        connect(reset, &QPushButton::clicked, this,
                [this, action] { assign(action, KeySettings::defaultKeys(action)); });
        ++row;
    }
    grid->setColumnStretch(3, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Click a field and press the new key. Class keys are set in the "
                                    "project's class list."),
                                 this));
    layout->addLayout(grid);
    layout->addWidget(buttons);
}

QString ShortcutsDialog::assign(const QString& action, const QString& keys)
{
    if (keys == mKeys.keys(action)) {
        if (QLabel* conflict = mConflicts.value(action))
            conflict->clear();
        return {};
    }
    const QString refusal = mKeys.setKeys(action, keys, mClasses);
    if (QLabel* conflict = mConflicts.value(action))
        conflict->setText(refusal);
    showKeys(action);
    if (refusal.isEmpty())
        emit keysChanged();
    return refusal;
}

QString ShortcutsDialog::conflictText(const QString& action) const
{
    const QLabel* conflict = mConflicts.value(action);
    return conflict ? conflict->text() : QString();
}

void ShortcutsDialog::showKeys(const QString& action)
{
    QKeySequenceEdit* edit = mEdits.value(action);
    if (!edit)
        return;
    const QSignalBlocker blocker(edit);
    const QList<QKeySequence> shortcuts = toQtShortcuts(mKeys.keys(action));
    edit->setKeySequence(shortcuts.isEmpty() ? QKeySequence() : shortcuts.back());
}

} // namespace pixmark
