#include "widgets/wizard/classes_page.h"

#include "core/errors.h"
#include "core/ingest/manifest.h"
#include "core/model/keymap.h"
#include "core/project/naming_rules.h"
#include "core/project/project_plan.h"
#include "widgets/wizard/create_project_wizard.h"
#include "widgets/wizard/data_page.h"
#include "widgets/wizard/details_page.h"
#include "widgets/wizard/field_error.h"

#include <QColorDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cctype>
#include <set>

namespace pixmark {

namespace {
const char* const kColorProperty = "classColor";

QIcon swatch(const QColor& color)
{
    QPixmap pixmap(28, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setPen(color.darker(160));
    painter.setBrush(color);
    painter.drawRoundedRect(QRectF(0.5, 0.5, 27, 15), 3, 3);
    return QIcon(pixmap);
}
} // namespace

ClassesPage::ClassesPage(QWidget* parent) : ValidatedPage(false, parent)
{
    setObjectName(QStringLiteral("classesPage"));
    setTitle(tr("Label classes"));
    setSubTitle(tr("One class per row. Each class gets a key that labels with one press; click a key to change "
                   "it, clear it for none."));

    mTable = new QTableWidget(0, 3, this);
    mTable->setObjectName(QStringLiteral("classesTable"));
    mTable->setHorizontalHeaderLabels({tr("Name"), tr("Color"), tr("Hotkey")});
    mTable->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    mTable->horizontalHeader()->setSectionResizeMode(ColorColumn, QHeaderView::ResizeToContents);
    mTable->horizontalHeader()->setSectionResizeMode(HotkeyColumn, QHeaderView::Fixed);
    mTable->setColumnWidth(HotkeyColumn, 90);
    mTable->verticalHeader()->setDefaultSectionSize(28);
    mTable->setSelectionBehavior(QAbstractItemView::SelectRows);

    auto* add = new QPushButton(tr("&Add Class"), this);
    add->setObjectName(QStringLiteral("addClassButton"));
    auto* remove = new QPushButton(tr("&Remove"), this);
    remove->setObjectName(QStringLiteral("removeClassButton"));
    mPaste = new QPlainTextEdit(this);
    mPaste->setObjectName(QStringLiteral("pasteClassesEdit"));
    mPaste->setPlaceholderText(tr("Paste many: one class per line"));
    mPaste->setMaximumHeight(90);
    auto* addPasted = new QPushButton(tr("Add &These"), this);
    addPasted->setObjectName(QStringLiteral("addPastedButton"));

    auto* buttons = new QVBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    buttons->addWidget(addPasted);
    auto* left = new QVBoxLayout;
    left->addWidget(mTable, 1);
    left->addWidget(mPaste);
    auto* row = new QHBoxLayout;
    row->addLayout(left, 1);
    row->addLayout(buttons);
    mError = makeFieldError(this, QStringLiteral("classesError"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row, 1);
    layout->addWidget(mError);

    connect(add, &QPushButton::clicked, this, [this] {
        addClass(tr("Class %1").arg(mTable->rowCount() + 1));
        mTable->setCurrentCell(mTable->rowCount() - 1, NameColumn);
        mTable->editItem(mTable->item(mTable->rowCount() - 1, NameColumn));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (mTable->currentRow() >= 0)
            removeClass(mTable->currentRow());
    });
    connect(addPasted, &QPushButton::clicked, this, [this] {
        addClassesFromText(mPaste->toPlainText());
        mPaste->clear();
    });
    connect(mTable, &QTableWidget::cellChanged, this, &ClassesPage::cellEdited);
    revalidate();
}

void ClassesPage::addClass(const QString& name, const QString& color)
{
    const int row = mTable->rowCount();
    {
        const QSignalBlocker blocker(mTable);
        mTable->insertRow(row);
        mTable->setItem(row, NameColumn, new QTableWidgetItem(name));
        auto* hotkey = new QTableWidgetItem(nextFreeHotkey());
        hotkey->setTextAlignment(Qt::AlignCenter);
        mTable->setItem(row, HotkeyColumn, hotkey);
        auto* button = new QToolButton(mTable);
        button->setAutoRaise(true);
        button->setToolTip(tr("Choose the class's color"));
        connect(button, &QToolButton::clicked, this, [this, button] {
            for (int r = 0; r < mTable->rowCount(); ++r)
                if (mTable->cellWidget(r, ColorColumn) == button)
                    chooseColor(r);
        });
        mTable->setCellWidget(row, ColorColumn, button);
    }
    setRowColor(row, color.isEmpty() ? QString::fromStdString(paletteColor(static_cast<std::size_t>(row))) : color);
    revalidate();
}

void ClassesPage::addClassesFromText(const QString& text)
{
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty())
            addClass(line.trimmed());
    }
}

void ClassesPage::removeClass(int row)
{
    mTable->removeRow(row);
    revalidate();
}

int ClassesPage::classCount() const
{
    return mTable->rowCount();
}

std::vector<NewClass> ClassesPage::classes() const
{
    std::vector<NewClass> result;
    for (int row = 0; row < mTable->rowCount(); ++row) {
        NewClass newClass;
        newClass.name = mTable->item(row, NameColumn)->text().toStdString();
        newClass.color = rowColor(row).toStdString();
        const QString hotkey = mTable->item(row, HotkeyColumn)->text().trimmed();
        if (hotkey.isEmpty())
            newClass.noHotkey = true;
        else
            newClass.hotkey = hotkey.toStdString();
        result.push_back(std::move(newClass));
    }
    return result;
}

void ClassesPage::initializePage()
{
    const auto* created = qobject_cast<CreateProjectWizard*>(wizard());
    if (!created || mTable->rowCount() > 0 || created->detailsPage()->taskType() == TaskType::ClassificationMultiLabel)
        return;
    const auto source = created->dataPage()->request();
    if (!source || source->kind != SourceKind::Manifest || !source->manifestColumns.label)
        return;
    try {
        std::set<std::string> seen;
        for (const ingest::ManifestRow& row : ingest::readManifest(source->root, source->manifestColumns).rows) {
            if (!row.label || row.label->empty())
                continue;
            std::string lower = *row.label;
            std::transform(lower.begin(), lower.end(), lower.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            if (seen.insert(lower).second)
                addClass(QString::fromStdString(*row.label).trimmed());
        }
    } catch (const Error&) {
        // The data page already explained what is wrong with the manifest.
    }
}

void ClassesPage::chooseColor(int row)
{
    if (!mInteractive)
        return;
    const QColor color = QColorDialog::getColor(QColor(rowColor(row)), this, tr("Class Color"));
    if (color.isValid())
        setRowColor(row, color.name());
}

void ClassesPage::setRowColor(int row, const QString& color)
{
    auto* button = qobject_cast<QToolButton*>(mTable->cellWidget(row, ColorColumn));
    button->setProperty(kColorProperty, color);
    button->setIcon(swatch(QColor(color)));
    button->setIconSize(QSize(28, 16));
}

QString ClassesPage::rowColor(int row) const
{
    return mTable->cellWidget(row, ColorColumn)->property(kColorProperty).toString();
}

void ClassesPage::cellEdited(int row, int column)
{
    if (column == HotkeyColumn) {
        // Show the key as core stores it ("shift+q" -> "Shift+Q") when it is one.
        QTableWidgetItem* item = mTable->item(row, column);
        try {
            const QString normal = QString::fromStdString(normalizeClassHotkey(item->text().trimmed().toStdString()));
            if (normal != item->text()) {
                const QSignalBlocker blocker(mTable);
                item->setText(normal);
            }
        } catch (const Error&) {
            // Left as typed; revalidate explains what is wrong with it.
        }
    }
    revalidate();
}

QString ClassesPage::nextFreeHotkey() const
{
    std::set<QString> taken;
    for (int row = 0; row < mTable->rowCount(); ++row)
        if (const QTableWidgetItem* item = mTable->item(row, HotkeyColumn))
            taken.insert(item->text().trimmed().toUpper());
    for (const std::string& key : automaticClassHotkeys()) {
        const QString candidate = QString::fromStdString(key);
        if (!taken.count(candidate))
            return candidate;
    }
    return {};
}

void ClassesPage::revalidate()
{
    QString error;
    if (mTable->rowCount() == 0) {
        error = tr("Add at least one label class.");
    } else {
        error = refusalOf([this] { assignClassHotkeys(classes()); });
    }
    showValidity(mError, error);
}

} // namespace pixmark
