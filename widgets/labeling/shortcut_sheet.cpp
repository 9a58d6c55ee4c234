#include "widgets/labeling/shortcut_sheet.h"

#include "widgets/labeling/key_settings.h"
#include "widgets/labeling/labeling_actions.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pixmark {

ShortcutSheet::ShortcutSheet(const KeySettings& keys, const std::vector<LabelClass>& classes, const QStringList& actions,
                             QWidget* parent)
    : QDialog(parent), mTable(new QTableWidget(this))
{
    setObjectName(QStringLiteral("shortcutSheet"));
    setWindowTitle(tr("Shortcuts"));
    mTable->setColumnCount(2);
    mTable->setHorizontalHeaderLabels({tr("Action"), tr("Key")});
    mTable->verticalHeader()->hide();
    mTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    mTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mTable->setSelectionMode(QAbstractItemView::NoSelection);
    auto addRow = [this](const QString& what, const QString& key) {
        const int row = mTable->rowCount();
        mTable->insertRow(row);
        mTable->setItem(row, 0, new QTableWidgetItem(what));
        mTable->setItem(row, 1, new QTableWidgetItem(key.isEmpty() ? tr("(none)") : key));
    };
    for (const QString& action : actions)
        addRow(actionTitle(action), keys.keys(action));
    if (actions.contains(QStringLiteral("tool-box"))) {
        addRow(tr("Nudge the selected box (Shift: 10 px)"), tr("Arrow keys"));
        addRow(tr("Zoom in / out at the cursor"), tr("Wheel, + / -"));
        addRow(tr("Pan"), tr("Space+drag, middle drag"));
        addRow(tr("Window/level (16-bit, DICOM)"), tr("Right drag"));
    } else {
        addRow(tr("Select a tile / add / range"), tr("Click / Ctrl+click / Shift+click"));
    }
    for (const LabelClass& labelClass : classes)
        if (!labelClass.archived)
            addRow(tr("Class: %1").arg(QString::fromStdString(labelClass.name)),
                   labelClass.hotkey ? QString::fromStdString(*labelClass.hotkey) : QString());

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(mTable);
    layout->addWidget(buttons);
    resize(460, 560);
}

} // namespace pixmark
