#include "widgets/project/data/item_view_panel.h"

#include "widgets/project/data/data_grid_model.h"
#include "widgets/common/item_category_style.h"
#include "widgets/session/project_session.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImageReader>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QShortcut>
#include <QTableWidget>
#include <QThreadPool>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace pixmark {

namespace {
constexpr int kImageSide = 360;
constexpr qint64 kMaxPixels = 200'000'000; // refuse absurd headers before allocating

QString chipsHtml(const std::vector<ClassId>& classes, const DataGridModel& model)
{
    if (classes.empty())
        return QObject::tr("<i>no current label</i>");
    QString html;
    std::vector<ClassId> seen;
    for (const ClassId id : classes) {
        const auto count = std::count(classes.begin(), classes.end(), id);
        if (std::find(seen.begin(), seen.end(), id) != seen.end())
            continue;
        seen.push_back(id);
        const QColor color = model.classColor(id);
        const QString text = count > 1 ? QStringLiteral("%1 × %2").arg(model.className(id).toHtmlEscaped()).arg(count)
                                       : model.className(id).toHtmlEscaped();
        html += QStringLiteral("<span style=\"background-color:%1; color:%2\">&nbsp;%3&nbsp;</span> ")
                    .arg(color.name(), color.lightness() > 150 ? QStringLiteral("black") : QStringLiteral("white"),
                         text);
    }
    return html;
}

QString originName(SubmissionOrigin origin)
{
    switch (origin) {
    case SubmissionOrigin::Manual: return QObject::tr("manual");
    case SubmissionOrigin::PrelabelAccepted: return QObject::tr("prelabel accepted");
    case SubmissionOrigin::PrelabelEdited: return QObject::tr("prelabel edited");
    case SubmissionOrigin::Imported: return QObject::tr("imported");
    }
    return {};
}

QString reviewName(ReviewState state)
{
    switch (state) {
    case ReviewState::Pending: return QObject::tr("pending");
    case ReviewState::Accepted: return QObject::tr("approved");
    case ReviewState::Rejected: return QObject::tr("rejected");
    }
    return {};
}

QString timeText(Timestamp ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}
} // namespace

/// What one request brings back for the panel.
struct ItemViewPanel::Details {
    ItemOverview overview;
    std::string absolutePath;
    std::int64_t bytes = 0;
    std::vector<SubmissionRecord> history;
    std::vector<Annotation> current;
    std::size_t suggestions = 0;
};

ItemViewPanel::ItemViewPanel(ProjectSession& session, const DataGridModel& model, QWidget* parent)
    : QWidget(parent), mSession(session), mModel(model), mImage(new QLabel(this)), mPath(new QLabel(this)),
      mFacts(new QLabel(this)), mLabels(new QLabel(this)), mHistoryTable(new QTableWidget(this)),
      mReject(new QPushButton(tr("Reject…"), this)), mApprove(new QPushButton(tr("Approve"), this))
{
    mImage->setAlignment(Qt::AlignCenter);
    mImage->setMinimumSize(kImageSide / 2, kImageSide / 2);
    mImage->setMaximumHeight(kImageSide);
    mImage->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    mPath->setWordWrap(true);
    mPath->setTextInteractionFlags(Qt::TextSelectableByMouse);
    mLabels->setTextFormat(Qt::RichText);
    mLabels->setWordWrap(true);
    mHistoryTable->setObjectName(QStringLiteral("historyTable"));
    mHistoryTable->setColumnCount(9);
    mHistoryTable->setHorizontalHeaderLabels({tr("Time"), tr("Labeler"), tr("Origin"), tr("Duration"), tr("Skipped"),
                                              tr("Review"), tr("Reviewer"), tr("Reason"), tr("Classes")});
    mHistoryTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mHistoryTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    mHistoryTable->verticalHeader()->hide();
    mHistoryTable->horizontalHeader()->setStretchLastSection(true);
    mReject->setObjectName(QStringLiteral("itemReject"));
    mApprove->setObjectName(QStringLiteral("itemApprove"));

    auto* close = new QToolButton(this);
    close->setText(tr("Close"));
    close->setToolTip(tr("Close the item view (Esc)"));
    auto* title = new QLabel(tr("<b>Item</b>"), this);
    auto* header = new QHBoxLayout;
    header->addWidget(title, 1);
    header->addWidget(close);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(mReject);
    buttons->addWidget(mApprove);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(mImage, 3);
    layout->addWidget(mPath);
    layout->addWidget(mFacts);
    layout->addWidget(new QLabel(tr("Current labels:"), this));
    layout->addWidget(mLabels);
    layout->addLayout(buttons);
    layout->addWidget(new QLabel(tr("History:"), this));
    layout->addWidget(mHistoryTable, 2);

    connect(close, &QToolButton::clicked, this, &ItemViewPanel::closeRequested);
    auto* escape = new QShortcut(QKeySequence::Cancel, this);
    escape->setContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, this, &ItemViewPanel::closeRequested);
    connect(mReject, &QPushButton::clicked, this, [this] {
        if (mItem != 0)
            emit rejectRequested(mItem);
    });
    connect(mApprove, &QPushButton::clicked, this, [this] {
        if (mItem != 0)
            emit approveRequested(mItem);
    });
}

void ItemViewPanel::showItem(ItemId item)
{
    const bool sameItem = item == mItem;
    mItem = item;
    const std::uint64_t request = ++mRequest;
    if (!sameItem) {
        mImage->setText(tr("Loading…"));
        mHistory.clear();
    }
    if (item == 0)
        return;
    mSession.run(
        this,
        [item](Project& project) {
            Details details;
            const auto overviews = project.itemOverviews({item});
            if (!overviews.empty())
                details.overview = overviews.front();
            const Item record = project.item(item);
            details.absolutePath = project.absolutePath(record.relativePath).string();
            details.bytes = record.bytes;
            details.history = project.itemHistory(item);
            details.current = project.currentAnnotations(item);
            details.suggestions = project.suggestions(item).size();
            return details;
        },
        [this, request, sameItem](Details details) {
            if (request != mRequest)
                return;
            showDetails(details);
            if (!sameItem || mImage->pixmap().isNull())
                loadImage(QString::fromStdString(details.absolutePath));
        },
        [this, request](const QString& message) {
            if (request == mRequest)
                mFacts->setText(message);
        });
}

void ItemViewPanel::showDetails(const Details& details)
{
    const ItemOverview& overview = details.overview;
    mPath->setText(QString::fromStdString(overview.relativePath));
    mPath->setToolTip(QString::fromStdString(details.absolutePath));
    mFacts->setText(tr("%1 × %2 px · %3 · %4%5")
                        .arg(overview.width)
                        .arg(overview.height)
                        .arg(QLocale().formattedDataSize(details.bytes))
                        .arg(categoryName(overview.category))
                        .arg(overview.prelabeled ? tr(" · prelabeled, suggestions: %1").arg(details.suggestions)
                                                 : QString()));
    std::vector<ClassId> current;
    for (const auto& annotation : details.current)
        current.push_back(annotation.classId);
    mLabels->setText(chipsHtml(current, mModel));
    mReject->setEnabled(!current.empty());
    mApprove->setEnabled(!current.empty());

    mHistory = details.history;
    mHistoryTable->setRowCount(static_cast<int>(mHistory.size()));
    for (int row = 0; row < static_cast<int>(mHistory.size()); ++row) {
        const SubmissionRecord& record = mHistory[static_cast<std::size_t>(row)];
        QStringList classes;
        for (const auto& annotation : record.annotations)
            classes << mModel.className(annotation.classId);
        const QStringList cells{
            (record.current ? QStringLiteral("● ") : QString()) + timeText(record.submittedAt),
            QString::fromStdString(record.labelerName),
            originName(record.origin),
            tr("%1 s").arg(static_cast<double>(record.durationMs) / 1000.0, 0, 'f', 1),
            record.skipped ? tr("yes") : QString(),
            reviewName(record.reviewState),
            QString::fromStdString(record.reviewerName),
            QString::fromStdString(record.reviewNote),
            classes.join(QStringLiteral(", ")),
        };
        for (int column = 0; column < cells.size(); ++column) {
            auto* cell = new QTableWidgetItem(cells[column]);
            if (record.current) {
                QFont font = cell->font();
                font.setBold(true);
                cell->setFont(font);
                cell->setToolTip(tr("The item's current label"));
            }
            mHistoryTable->setItem(row, column, cell);
        }
    }
    mHistoryTable->resizeColumnsToContents();
    emit itemLoaded(mItem);
}

void ItemViewPanel::loadImage(const QString& path)
{
    const std::uint64_t request = mRequest;
    QPointer<ItemViewPanel> guard(this);
    const QSize side(kImageSide, kImageSide);
    // Decoding a full-size photo takes long enough to be felt: do it on a worker.
    QThreadPool::globalInstance()->start([this, guard, request, path, side] {
        QImageReader reader(path);
        reader.setAutoTransform(true);
        QImage image;
        const QSize size = reader.size();
        if (size.isValid() && qint64{size.width()} * size.height() <= kMaxPixels) {
            reader.setScaledSize(size.scaled(side, Qt::KeepAspectRatio).boundedTo(size));
            image = reader.read();
        }
        // The application object lives on the UI thread for the whole run; the guard is
        // only read there.
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [this, guard, request, image = std::move(image)] {
                if (!guard || request != mRequest)
                    return;
                if (image.isNull())
                    mImage->setText(tr("The image cannot be shown."));
                else
                    mImage->setPixmap(QPixmap::fromImage(image));
            },
            Qt::QueuedConnection);
    });
}

} // namespace pixmark
