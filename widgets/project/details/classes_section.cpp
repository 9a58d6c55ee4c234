#include "widgets/project/details/classes_section.h"

#include "widgets/project/details/fit_table.h"
#include "widgets/project/details/label_reset_dialog.h"
#include "widgets/session/project_session.h"

#include <QColorDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pixmark {

namespace {
std::string utf8(const QString& text)
{
    return text.toStdString();
}
} // namespace

ClassesSection::ClassesSection(ProjectSession& session, QWidget* parent)
    : QGroupBox(tr("Classes"), parent), mSession(session)
{
    setObjectName(QStringLiteral("classesSection"));
    mTable = new QTableWidget(0, ColumnCount, this);
    mTable->setObjectName(QStringLiteral("classesTable"));
    mTable->setHorizontalHeaderLabels({tr("Color"), tr("Name"), tr("Key"), tr("Description"), tr("Archived")});
    mTable->horizontalHeader()->setSectionResizeMode(DescriptionColumn, QHeaderView::Stretch);
    mTable->verticalHeader()->hide();
    fitTableHeight(mTable, 2, 12);
    mTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    mTable->setSelectionMode(QAbstractItemView::SingleSelection);
    mTable->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::AnyKeyPressed);

    mNewName = new QLineEdit(this);
    mNewName->setObjectName(QStringLiteral("newClassName"));
    mNewName->setPlaceholderText(tr("New class name"));
    mAdd = new QPushButton(tr("Add class"), this);
    mAdd->setObjectName(QStringLiteral("addClass"));
    mColor = new QPushButton(tr("Color\u2026"), this);
    mUp = new QPushButton(tr("Move up"), this);
    mUp->setObjectName(QStringLiteral("moveClassUp"));
    mDown = new QPushButton(tr("Move down"), this);
    mDown->setObjectName(QStringLiteral("moveClassDown"));
    mError = new QLabel(this);
    mError->setObjectName(QStringLiteral("classesError"));
    mError->setWordWrap(true);
    mError->setStyleSheet(QStringLiteral("QLabel#classesError { color: #b3261e; }"));
    mError->hide();
    auto* hint = new QLabel(tr("Double-click a cell to edit it. Archived classes keep their labels but are "
                               "no longer offered."),
                            this);
    hint->setWordWrap(true);

    auto* addRow = new QHBoxLayout;
    addRow->addWidget(mNewName, 1);
    addRow->addWidget(mAdd);
    addRow->addSpacing(16);
    addRow->addWidget(mColor);
    addRow->addWidget(mUp);
    addRow->addWidget(mDown);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addWidget(mTable);
    layout->addWidget(mError);
    layout->addLayout(addRow);

    connect(mTable, &QTableWidget::itemChanged, this, &ClassesSection::onItemChanged);
    connect(mTable, &QTableWidget::cellDoubleClicked, this, &ClassesSection::onDoubleClicked);
    connect(mAdd, &QPushButton::clicked, this, [this] { addClass(mNewName->text()); });
    connect(mNewName, &QLineEdit::returnPressed, this, [this] { addClass(mNewName->text()); });
    connect(mColor, &QPushButton::clicked, this, [this] { onDoubleClicked(mTable->currentRow(), ColorColumn); });
    connect(mUp, &QPushButton::clicked, this, [this] { moveSelected(-1); });
    connect(mDown, &QPushButton::clicked, this, [this] { moveSelected(1); });
    reload();
}

void ClassesSection::setInteractive(bool interactive)
{
    mInteractive = interactive;
}

void ClassesSection::setResetModeChooser(ResetModeChooser chooser)
{
    mChooser = std::move(chooser);
}

void ClassesSection::reload()
{
    mSession.run(
        this, [](Project& project) { return project.classes(); },
        [this](std::vector<LabelClass> classes) {
            const ClassId selected = idAt(mTable->currentRow());
            mClasses = std::move(classes);
            mLoading = true;
            mTable->setRowCount(static_cast<int>(mClasses.size()));
            for (int row = 0; row < mTable->rowCount(); ++row) {
                const LabelClass& labelClass = mClasses[static_cast<std::size_t>(row)];
                const QColor color(QString::fromStdString(labelClass.color));
                auto* swatch = new QTableWidgetItem(QString::fromStdString(labelClass.color));
                swatch->setBackground(color);
                swatch->setForeground(color.lightness() > 140 ? Qt::black : Qt::white);
                swatch->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
                swatch->setToolTip(tr("Double-click to change the color"));
                mTable->setItem(row, ColorColumn, swatch);
                auto* name = new QTableWidgetItem(QString::fromStdString(labelClass.name));
                name->setData(Qt::UserRole, QVariant::fromValue<qlonglong>(labelClass.id));
                mTable->setItem(row, NameColumn, name);
                mTable->setItem(
                    row, HotkeyColumn,
                    new QTableWidgetItem(QString::fromStdString(labelClass.hotkey.value_or(std::string()))));
                mTable->setItem(row, DescriptionColumn,
                                new QTableWidgetItem(QString::fromStdString(labelClass.description)));
                auto* archived = new QTableWidgetItem;
                archived->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
                archived->setCheckState(labelClass.archived ? Qt::Checked : Qt::Unchecked);
                mTable->setItem(row, ArchivedColumn, archived);
                if (labelClass.archived)
                    for (int column = NameColumn; column <= DescriptionColumn; ++column)
                        mTable->item(row, column)->setForeground(palette().color(QPalette::PlaceholderText));
                if (labelClass.id == selected)
                    mTable->selectRow(row);
            }
            mTable->resizeColumnToContents(NameColumn);
            fitTableHeight(mTable, 2, 12);
            mLoading = false;
            emit reloaded();
        });
}

void ClassesSection::addClass(const QString& rawName)
{
    const QString name = rawName.trimmed();
    if (name.isEmpty()) {
        showError(tr("Type a name for the new class first."));
        return;
    }
    // The mode question depends on the project: ask core whether there are labels first.
    mSession.run(
        this, [](Project& project) { return project.hasLabels(); },
        [this, name](bool hasLabels) {
            std::optional<LabelResetMode> mode;
            if (hasLabels) {
                const QStringList names{name};
                if (mInteractive)
                    mode = LabelResetDialog::ask(names, this);
                else if (mChooser)
                    mode = mChooser(names);
                if (!mode) {
                    showError(tr("Not added: the project has labels, and no choice was made about them."));
                    emit editFinished(false);
                    return;
                }
            }
            const NewClass newClass{utf8(name), std::nullopt, std::nullopt, false, std::string()};
            edit([newClass, mode](Project& project) { project.addClass(newClass, mode); });
            mNewName->clear();
        },
        [this](const QString& message) {
            showError(message);
            emit editFinished(false);
        });
}

void ClassesSection::recolor(ClassId id, const QColor& color)
{
    const std::string name = utf8(color.name(QColor::HexRgb));
    edit([id, name](Project& project) { project.recolorClass(id, name); });
}

void ClassesSection::moveSelected(int delta)
{
    const int row = mTable->currentRow();
    const ClassId id = idAt(row);
    const int target = row + delta;
    if (id == 0 || target < 0 || target >= mTable->rowCount())
        return;
    edit([id, target](Project& project) { project.moveClass(id, target); });
    mTable->selectRow(target);
}

QString ClassesSection::errorText() const
{
    return mError->isHidden() ? QString() : mError->text();
}

void ClassesSection::onItemChanged(QTableWidgetItem* item)
{
    if (mLoading)
        return;
    const ClassId id = idAt(item->row());
    if (id == 0)
        return;
    switch (item->column()) {
    case NameColumn: {
        const std::string name = utf8(item->text().trimmed());
        edit([id, name](Project& project) { project.renameClass(id, name); });
        break;
    }
    case HotkeyColumn: {
        const QString key = item->text().trimmed();
        const std::optional<std::string> hotkey = key.isEmpty() ? std::nullopt : std::optional(utf8(key));
        edit([id, hotkey](Project& project) { project.setClassHotkey(id, hotkey); });
        break;
    }
    case DescriptionColumn: {
        const std::string description = utf8(item->text());
        edit([id, description](Project& project) { project.setClassDescription(id, description); });
        break;
    }
    case ArchivedColumn: {
        const bool archived = item->checkState() == Qt::Checked;
        edit([id, archived](Project& project) { project.archiveClass(id, archived); });
        break;
    }
    default:
        break;
    }
}

void ClassesSection::onDoubleClicked(int row, int column)
{
    const ClassId id = idAt(row);
    if (column != ColorColumn || id == 0 || !mInteractive)
        return;
    const QColor current(mTable->item(row, ColorColumn)->text());
    const QColor chosen =
        QColorDialog::getColor(current, this, tr("Color of %1").arg(mTable->item(row, NameColumn)->text()));
    if (chosen.isValid() && chosen != current)
        recolor(id, chosen);
}

void ClassesSection::edit(std::function<void(Project&)> work)
{
    mSession.run(
        this, [work](Project& project) { work(project); },
        [this] {
            mError->clear();
            mError->hide();
            emit editFinished(true);
        },
        [this](const QString& message) {
            showError(message);
            // The table shows what was typed; put back what the project holds.
            reload();
            emit editFinished(false);
        },
        ProjectChange::Classes);
}

void ClassesSection::showError(const QString& message)
{
    mError->setText(message);
    mError->show();
}

ClassId ClassesSection::idAt(int row) const
{
    if (row < 0 || row >= mTable->rowCount() || !mTable->item(row, NameColumn))
        return 0;
    return mTable->item(row, NameColumn)->data(Qt::UserRole).toLongLong();
}

} // namespace pixmark
