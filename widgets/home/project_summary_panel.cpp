#include "widgets/home/project_summary_panel.h"

#include "widgets/common/instructions_text.h"

#include "widgets/home/display_text.h"
#include "widgets/home/project_summary.h"

#include <QAbstractTextDocumentLayout>
#include <QDateTime>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStyle>
#include <QTableWidget>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>
#include <QtMath>

#include <array>
#include <utility>

namespace pixmark {

namespace {
enum ClassColumn { NameColumn, HotkeyColumn, DescriptionColumn, ColumnCount };
enum ClassRole { RawNameRole = Qt::UserRole, ColorRole, ArchivedRole };

// The statuses shown as tiles, in the order a lead reads them.
const std::array<std::pair<ItemStatus, const char*>, 5> kStatusCaptions{{
    {ItemStatus::Unlabeled, QT_TRANSLATE_NOOP("pixmark::ProjectSummaryPanel", "To label")},
    {ItemStatus::Labeled, QT_TRANSLATE_NOOP("pixmark::ProjectSummaryPanel", "Labeled")},
    {ItemStatus::Skipped, QT_TRANSLATE_NOOP("pixmark::ProjectSummaryPanel", "Skipped")},
    {ItemStatus::Missing, QT_TRANSLATE_NOOP("pixmark::ProjectSummaryPanel", "Missing files")},
    {ItemStatus::Unreadable, QT_TRANSLATE_NOOP("pixmark::ProjectSummaryPanel", "Unreadable")},
}};

QString fromUtf8(const std::string& text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QIcon swatch(const QColor& color, bool archived, qreal devicePixelRatio)
{
    constexpr int kSize = 14;
    QPixmap pixmap(QSize(kSize, kSize) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    QColor fill = color;
    if (archived)
        fill.setAlpha(90);
    painter.setBrush(fill);
    painter.setPen(QPen(color.darker(140), 1));
    painter.drawRoundedRect(QRectF(0.5, 0.5, kSize - 1, kSize - 1), 3, 3);
    return QIcon(pixmap);
}

QLabel* sectionTitle(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    scaleFont(label, 1.1, true);
    return label;
}

QString formatTimestamp(Timestamp milliseconds)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(milliseconds).toLocalTime();
    return QLocale().toString(time, QStringLiteral("d MMM yyyy, HH:mm"));
}

// Links from a project file open in the system browser, so only web links are made
// clickable; anything else is shown as text.
bool isWebLink(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"));
}
} // namespace

ProjectSummaryPanel::ProjectSummaryPanel(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("projectSummaryPanel"));
    setStyleSheet(QStringLiteral(
        "QLabel#errorLabel { background: #fdecea; color: #8a1c1c; border: 1px solid #f1b0ab;"
        "  border-radius: 4px; padding: 8px 10px; }"
        "QFrame#countTile { background: palette(base); border: 1px solid palette(midlight);"
        "  border-radius: 6px; }"));

    mErrorLabel = new QLabel(this);
    mErrorLabel->setObjectName(QStringLiteral("errorLabel"));
    mErrorLabel->setWordWrap(true);
    mErrorLabel->setTextFormat(Qt::PlainText);
    mErrorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    mErrorLabel->hide();

    mPages = new QStackedWidget(this);
    mPlaceholderPage = createPlaceholderPage();
    mSummaryPage = createSummaryPage();
    // In a small window the summary scrolls as a whole rather than squeezing the class
    // table to a sliver.
    mSummaryScroll = new QScrollArea(this);
    mSummaryScroll->setWidget(mSummaryPage);
    mSummaryScroll->setWidgetResizable(true);
    mSummaryScroll->setFrameShape(QFrame::NoFrame);
    mSummaryScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    mPages->addWidget(mPlaceholderPage);
    mPages->addWidget(mSummaryScroll);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(12);
    layout->addWidget(mErrorLabel);
    layout->addWidget(mPages, 1);
}

QWidget* ProjectSummaryPanel::createPlaceholderPage()
{
    auto* page = new QWidget(this);
    auto* title = new QLabel(tr("No project open"), page);
    scaleFont(title, 1.4, true);
    makeMuted(title);
    auto* hint = new QLabel(tr("Open a project file (Ctrl+O) or pick one from Recent projects to see its "
                               "task, instructions, classes and progress here."),
                            page);
    // Centered by the label, not the layout: a word-wrapped label placed with a layout
    // alignment gets the height of one line and is cut off.
    hint->setWordWrap(true);
    hint->setAlignment(Qt::AlignHCenter);
    makeMuted(hint);
    title->setAlignment(Qt::AlignHCenter);

    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(48, 0, 48, 0);
    layout->addStretch(2);
    layout->addWidget(title);
    layout->addSpacing(6);
    layout->addWidget(hint);
    layout->addStretch(3);
    return page;
}

QFrame* ProjectSummaryPanel::createCountTile(const QString& caption, QLabel** valueLabel)
{
    auto* tile = new QFrame(this);
    tile->setObjectName(QStringLiteral("countTile"));
    auto* value = new QLabel(QStringLiteral("0"), tile);
    scaleFont(value, 1.6, true);
    auto* captionLabel = new QLabel(caption, tile);
    makeMuted(captionLabel);
    auto* layout = new QVBoxLayout(tile);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(0);
    layout->addWidget(value);
    layout->addWidget(captionLabel);
    *valueLabel = value;
    return tile;
}

QWidget* ProjectSummaryPanel::createSummaryPage()
{
    auto* page = new QWidget(this);

    mNameLabel = new QLabel(page);
    mNameLabel->setObjectName(QStringLiteral("projectName"));
    mNameLabel->setTextFormat(Qt::PlainText);
    mNameLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    mNameLabel->setWordWrap(true);
    scaleFont(mNameLabel, 1.9, true);

    mTaskTypeLabel = new QLabel(page);
    mTaskTypeLabel->setObjectName(QStringLiteral("taskType"));
    mTaskTypeLabel->setTextFormat(Qt::PlainText);
    mStateLabel = new QLabel(page);
    mStateLabel->setObjectName(QStringLiteral("projectState"));
    mStateLabel->setTextFormat(Qt::PlainText);
    auto* kindRow = new QHBoxLayout;
    kindRow->setSpacing(10);
    kindRow->addWidget(mTaskTypeLabel);
    kindRow->addWidget(mStateLabel);
    kindRow->addStretch();

    mLocationLabel = new QLabel(page);
    mLocationLabel->setTextFormat(Qt::PlainText);
    mLocationLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long path must not widen the window; the tooltip has it whole.
    mLocationLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    makeMuted(mLocationLabel);
    mDatesLabel = new QLabel(page);
    mDatesLabel->setTextFormat(Qt::PlainText);
    makeMuted(mDatesLabel);

    mCountsGrid = new QGridLayout;
    mCountsGrid->setSpacing(10);
    mCountTiles.push_back(createCountTile(tr("Items"), &mTotalLabel));
    for (const auto& [status, caption] : kStatusCaptions) {
        QLabel* value = nullptr;
        mCountTiles.push_back(createCountTile(tr(caption), &value));
        value->setObjectName(QStringLiteral("count-") + QLatin1String(toId(status).data(), toId(status).size()));
        mCountLabels[status] = value;
    }
    arrangeCountTiles(static_cast<int>(mCountTiles.size()));
    mNoItemsLabel = new QLabel(tr("No images are registered in this project yet."), page);
    makeMuted(mNoItemsLabel);

    mInstructionsView = new QTextBrowser(page);
    mInstructionsView->setObjectName(QStringLiteral("instructions"));
    mInstructionsView->setOpenLinks(false);
    mInstructionsView->setLineWrapMode(QTextEdit::WidgetWidth);
    mInstructionsView->setPlaceholderText(tr("This project has no instructions yet."));
    mInstructionsView->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    // As tall as the text, within limits: short instructions leave room for the classes,
    // long ones scroll.
    connect(mInstructionsView->document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged,
            this, &ProjectSummaryPanel::fitInstructionsHeight);
    fitInstructionsHeight();
    mUrlLabel = new QLabel(page);
    mUrlLabel->setObjectName(QStringLiteral("instructionsUrl"));
    mUrlLabel->setOpenExternalLinks(true);
    mUrlLabel->setTextInteractionFlags(Qt::TextBrowserInteraction);
    mUrlLabel->setWordWrap(true);

    mClassesTitle = sectionTitle(tr("Classes"), page);
    mNoClassesLabel = new QLabel(tr("This project has no classes yet."), page);
    makeMuted(mNoClassesLabel);
    mClassTable = new QTableWidget(0, ColumnCount, page);
    mClassTable->setObjectName(QStringLiteral("classTable"));
    mClassTable->setHorizontalHeaderLabels({tr("Class"), tr("Hotkey"), tr("Description")});
    mClassTable->verticalHeader()->hide();
    mClassTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mClassTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    mClassTable->setSelectionMode(QAbstractItemView::SingleSelection);
    mClassTable->setShowGrid(false);
    mClassTable->setAlternatingRowColors(true);
    mClassTable->setWordWrap(false);
    mClassTable->setIconSize(QSize(14, 14));
    mClassTable->horizontalHeader()->setHighlightSections(false);
    mClassTable->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    mClassTable->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    mClassTable->horizontalHeader()->setSectionResizeMode(HotkeyColumn, QHeaderView::ResizeToContents);
    mClassTable->horizontalHeader()->setSectionResizeMode(DescriptionColumn, QHeaderView::Stretch);
    mClassTable->setMinimumHeight(mClassTable->horizontalHeader()->sizeHint().height() +
                                  5 * mClassTable->verticalHeader()->defaultSectionSize() +
                                  2 * mClassTable->frameWidth());

    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(mNameLabel);
    layout->addLayout(kindRow);
    layout->addSpacing(2);
    layout->addWidget(mLocationLabel);
    layout->addWidget(mDatesLabel);
    layout->addSpacing(18);
    layout->addWidget(sectionTitle(tr("Progress"), page));
    layout->addSpacing(4);
    layout->addLayout(mCountsGrid);
    layout->addWidget(mNoItemsLabel);
    layout->addSpacing(18);
    layout->addWidget(sectionTitle(tr("Instructions"), page));
    layout->addSpacing(4);
    layout->addWidget(mInstructionsView);
    layout->addWidget(mUrlLabel);
    layout->addSpacing(18);
    layout->addWidget(mClassesTitle);
    layout->addSpacing(4);
    layout->addWidget(mNoClassesLabel);
    layout->addWidget(mClassTable, 1);
    return page;
}

void ProjectSummaryPanel::showSummary(const ProjectSummary& summary)
{
    mErrorLabel->clear();
    mErrorLabel->hide();

    const ProjectInfo& info = summary.info;
    mNameLabel->setText(fromUtf8(info.name));
    mTaskTypeLabel->setText(QString::fromUtf8(displayName(info.taskType).data(),
                                              static_cast<qsizetype>(displayName(info.taskType).size())));
    const bool running = info.state == ProjectState::Running;
    mStateLabel->setText(running ? tr("Running") : tr("Paused"));
    mStateLabel->setToolTip(running ? tr("Labelers can submit work.")
                                    : tr("The lead has paused this project; submissions are refused until it "
                                         "is resumed."));
    mStateLabel->setStyleSheet(running ? QStringLiteral("QLabel { background: #e3f2e6; color: #1d6b32;"
                                                        " border-radius: 9px; padding: 1px 9px; }")
                                       : QStringLiteral("QLabel { background: #fff1d6; color: #865400;"
                                                        " border-radius: 9px; padding: 1px 9px; }"));
    mLocationLabel->setText(displayPath(summary.filePath));
    mLocationLabel->setToolTip(summary.filePath);
    mDatesLabel->setText(tr("Created %1  ·  last changed %2")
                             .arg(formatTimestamp(info.createdAt), formatTimestamp(info.modifiedAt)));

    const QLocale locale;
    mTotalLabel->setText(locale.toString(static_cast<qlonglong>(summary.totalItems())));
    for (const auto& [status, label] : mCountLabels)
        label->setText(locale.toString(static_cast<qlonglong>(summary.count(status))));
    mNoItemsLabel->setVisible(summary.totalItems() == 0);

    mInstructionsView->setMarkdown(instructionsMarkdown(info.instructions));
    mUrl = fromUtf8(info.instructionsUrl);
    if (mUrl.isEmpty()) {
        mUrlLabel->hide();
    } else if (isWebLink(mUrl)) {
        mUrlLabel->setTextFormat(Qt::RichText);
        mUrlLabel->setText(tr("Full guide: %1")
                               .arg(QStringLiteral("<a href=\"%1\">%2</a>")
                                        .arg(QUrl(mUrl).toString(QUrl::FullyEncoded).toHtmlEscaped(),
                                             mUrl.toHtmlEscaped())));
        mUrlLabel->show();
    } else {
        mUrlLabel->setTextFormat(Qt::PlainText);
        mUrlLabel->setText(tr("Full guide: %1").arg(mUrl));
        mUrlLabel->show();
    }

    fillClasses(summary);
    mPages->setCurrentWidget(mSummaryScroll);
}

void ProjectSummaryPanel::fillClasses(const ProjectSummary& summary)
{
    const QColor mutedText = palette().color(QPalette::PlaceholderText);
    int archivedCount = 0;
    mClassTable->clearContents();
    mClassTable->setRowCount(static_cast<int>(summary.classes.size()));
    int row = 0;
    for (const LabelClass& labelClass : summary.classes) {
        const QString name = fromUtf8(labelClass.name);
        const QColor color(fromUtf8(labelClass.color));
        auto* nameItem = new QTableWidgetItem(swatch(color, labelClass.archived, devicePixelRatioF()),
                                              labelClass.archived ? tr("%1 (archived)").arg(name) : name);
        nameItem->setData(RawNameRole, name);
        nameItem->setData(ColorRole, color);
        nameItem->setData(ArchivedRole, labelClass.archived);
        nameItem->setToolTip(fromUtf8(labelClass.color));
        auto* hotkeyItem = new QTableWidgetItem(labelClass.hotkey ? fromUtf8(*labelClass.hotkey) : QString());
        auto* descriptionItem = new QTableWidgetItem(fromUtf8(labelClass.description));
        descriptionItem->setToolTip(descriptionItem->text());
        for (QTableWidgetItem* item : {nameItem, hotkeyItem, descriptionItem}) {
            if (labelClass.archived) {
                item->setForeground(mutedText);
                QFont font = item->font();
                font.setItalic(true);
                item->setFont(font);
            }
        }
        if (labelClass.archived)
            ++archivedCount;
        mClassTable->setItem(row, NameColumn, nameItem);
        mClassTable->setItem(row, HotkeyColumn, hotkeyItem);
        mClassTable->setItem(row, DescriptionColumn, descriptionItem);
        ++row;
    }
    const int total = static_cast<int>(summary.classes.size());
    QString title = tr("Classes (%1)").arg(total);
    if (archivedCount > 0)
        title += tr("  ·  %n archived", nullptr, archivedCount);
    mClassesTitle->setText(title);
    mNoClassesLabel->setVisible(total == 0);
    mClassTable->setVisible(total > 0);
}

void ProjectSummaryPanel::arrangeCountTiles(int columns)
{
    if (columns == mCountColumns)
        return;
    mCountColumns = columns;
    for (QFrame* tile : mCountTiles)
        mCountsGrid->removeWidget(tile);
    for (int column = 0; column < mCountsGrid->columnCount(); ++column)
        mCountsGrid->setColumnStretch(column, 0);
    for (int index = 0; index < static_cast<int>(mCountTiles.size()); ++index)
        mCountsGrid->addWidget(mCountTiles[static_cast<std::size_t>(index)], index / columns, index % columns);
    for (int column = 0; column < columns; ++column)
        mCountsGrid->setColumnStretch(column, 1);
}

void ProjectSummaryPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    // One row of tiles when they fit side by side, two rows when the window is narrow.
    int oneRow = mCountsGrid->spacing() * static_cast<int>(mCountTiles.size() - 1);
    for (const QFrame* tile : mCountTiles)
        oneRow += tile->minimumSizeHint().width();
    const int available = width() - contentsMargins().left() - contentsMargins().right() -
                          layout()->contentsMargins().left() - layout()->contentsMargins().right() -
                          style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this);
    const int all = static_cast<int>(mCountTiles.size());
    arrangeCountTiles(available >= oneRow ? all : (all + 1) / 2);
}

void ProjectSummaryPanel::fitInstructionsHeight()
{
    const QFontMetrics metrics(mInstructionsView->font());
    const int minimum = 2 * metrics.lineSpacing();
    const int maximum = 8 * metrics.lineSpacing();
    const int content = qCeil(mInstructionsView->document()->size().height());
    const int chrome = 2 * mInstructionsView->frameWidth() + mInstructionsView->contentsMargins().top() +
                       mInstructionsView->contentsMargins().bottom();
    mInstructionsView->setFixedHeight(qBound(minimum, content, maximum) + chrome);
}

void ProjectSummaryPanel::showError(const QString& message)
{
    clear();
    mErrorLabel->setText(message);
    mErrorLabel->show();
}

void ProjectSummaryPanel::clear()
{
    mErrorLabel->clear();
    mErrorLabel->hide();
    mNameLabel->clear();
    mTaskTypeLabel->clear();
    mStateLabel->clear();
    mLocationLabel->clear();
    mDatesLabel->clear();
    mInstructionsView->clear();
    mUrl.clear();
    mUrlLabel->clear();
    mClassTable->setRowCount(0);
    mPages->setCurrentWidget(mPlaceholderPage);
}

bool ProjectSummaryPanel::hasProject() const
{
    return mPages->currentWidget() == mSummaryScroll;
}

QString ProjectSummaryPanel::projectName() const
{
    return mNameLabel->text();
}

QString ProjectSummaryPanel::taskTypeText() const
{
    return mTaskTypeLabel->text();
}

QString ProjectSummaryPanel::stateText() const
{
    return mStateLabel->text();
}

QString ProjectSummaryPanel::instructionsText() const
{
    return mInstructionsView->toPlainText();
}

QString ProjectSummaryPanel::instructionsUrl() const
{
    return mUrl;
}

QString ProjectSummaryPanel::itemCountText(ItemStatus status) const
{
    const auto found = mCountLabels.find(status);
    return found == mCountLabels.end() ? QString() : found->second->text();
}

QString ProjectSummaryPanel::totalItemsText() const
{
    return mTotalLabel->text();
}

QString ProjectSummaryPanel::errorText() const
{
    return mErrorLabel->isHidden() ? QString() : mErrorLabel->text();
}

int ProjectSummaryPanel::classRowCount() const
{
    return mClassTable->rowCount();
}

QString ProjectSummaryPanel::classNameAt(int row) const
{
    const QTableWidgetItem* item = mClassTable->item(row, NameColumn);
    return item ? item->data(RawNameRole).toString() : QString();
}

QString ProjectSummaryPanel::classHotkeyAt(int row) const
{
    const QTableWidgetItem* item = mClassTable->item(row, HotkeyColumn);
    return item ? item->text() : QString();
}

QString ProjectSummaryPanel::classDescriptionAt(int row) const
{
    const QTableWidgetItem* item = mClassTable->item(row, DescriptionColumn);
    return item ? item->text() : QString();
}

QColor ProjectSummaryPanel::classColorAt(int row) const
{
    const QTableWidgetItem* item = mClassTable->item(row, NameColumn);
    return item ? item->data(ColorRole).value<QColor>() : QColor();
}

bool ProjectSummaryPanel::isClassArchivedAt(int row) const
{
    const QTableWidgetItem* item = mClassTable->item(row, NameColumn);
    return item && item->data(ArchivedRole).toBool();
}

} // namespace pixmark
