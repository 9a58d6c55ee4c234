#include "widgets/project/data/data_tab.h"

#include "widgets/project/data/data_filter_bar.h"
#include "widgets/project/data/data_grid_model.h"
#include "widgets/project/data/item_view_panel.h"
#include "widgets/project/data/reject_reason_dialog.h"
#include "widgets/project/data/thumbnail_cell_painter.h"
#include "widgets/project/data/thumbnail_grid_view.h"
#include "widgets/project/data/thumbnail_loader.h"
#include "widgets/session/project_session.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <unordered_map>

namespace pixmark {

namespace {
constexpr int kRefreshThrottleMs = 500;
// Above this many selected rows a refresh keeps the rows, not the ids: mapping a huge
// selection by id is not worth a pause, and such selections are select-all in practice.
constexpr std::int64_t kMaxSelectionKeptById = 200'000;

/// "1 item", "1,000,000 items": English plurals without a translation file, numbers grouped.
QString countOf(std::int64_t count, const QString& one, const QString& many)
{
    return count == 1 ? one : many.arg(QLocale().toString(static_cast<qlonglong>(count)));
}

/// What a filter run brings back: the ids, and where the kept selection landed.
struct FilterResult {
    std::vector<ItemId> ids;
    std::vector<std::int64_t> selectedRows;
    std::int64_t currentRow = -1;
};
} // namespace

DataTab::DataTab(ProjectSession& session, QWidget* parent)
    : QWidget(parent), mSession(session), mModel(new DataGridModel(session, this)),
      mThumbnails(new ThumbnailLoader(cacheFolderFor(session.filePath().toStdString()),
                                      ThumbnailCellPainter::thumbnailSize(), this)),
      mFilters(new DataFilterBar(this)), mGrid(new ThumbnailGridView(this)),
      mItemView(new ItemViewPanel(session, *mModel, this)), mSplitter(new QSplitter(this)), mCount(new QLabel(this)),
      mMessage(new QLabel(this)), mRejectButton(new QPushButton(tr("Reject…"), this)),
      mApproveButton(new QPushButton(tr("Approve"), this)), mRequeueButton(new QPushButton(tr("Re-queue"), this)),
      mOpenButton(new QPushButton(tr("Open"), this)),
      mRefreshTimer(new QTimer(this))
{
    mGrid->setObjectName(QStringLiteral("dataGrid"));
    mCount->setObjectName(QStringLiteral("dataCount"));
    mMessage->setObjectName(QStringLiteral("dataMessage"));
    mRejectButton->setObjectName(QStringLiteral("rejectSelected"));
    mApproveButton->setObjectName(QStringLiteral("approveSelected"));
    mRejectButton->setToolTip(tr("Reject the selected items' labels with a reason; they return to the queue"));
    mApproveButton->setToolTip(tr("Approve the selected items' current labels"));
    mRequeueButton->setObjectName(QStringLiteral("requeueSelected"));
    mRequeueButton->setToolTip(tr("Put the selected skipped items back in the queue (the skips stay in history)"));
    mOpenButton->setToolTip(tr("Show the current item with its labels and history (Enter)"));
    mMessage->setWordWrap(true);
    mMessage->hide();
    mGrid->setSources(mModel, mThumbnails);

    auto* selectAll = new QPushButton(tr("Select all"), this);
    auto* actions = new QHBoxLayout;
    actions->addWidget(mCount);
    actions->addStretch(1);
    actions->addWidget(selectAll);
    actions->addWidget(mOpenButton);
    actions->addWidget(mRejectButton);
    actions->addWidget(mApproveButton);
    actions->addWidget(mRequeueButton);

    mItemView->hide();
    mSplitter->addWidget(mGrid);
    mSplitter->addWidget(mItemView);
    mSplitter->setStretchFactor(0, 3);
    mSplitter->setStretchFactor(1, 2);
    mSplitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(mFilters);
    layout->addLayout(actions);
    layout->addWidget(mMessage);
    layout->addWidget(mSplitter, 1);

    connect(mFilters, &DataFilterBar::filterChanged, this, [this] { runFilter(false); });
    connect(mGrid, &ThumbnailGridView::selectionChanged, this, &DataTab::updateCounts);
    connect(mGrid, &ThumbnailGridView::activated, this,
            [this](std::int64_t row) { openItem(mModel->idAt(row)); });
    connect(mGrid, &ThumbnailGridView::contextMenuRequested, this, &DataTab::showContextMenu);
    connect(selectAll, &QPushButton::clicked, mGrid, &ThumbnailGridView::selectAll);
    connect(mOpenButton, &QPushButton::clicked, this, [this] {
        if (mGrid->currentRow() >= 0)
            openItem(mModel->idAt(mGrid->currentRow()));
    });
    connect(mRejectButton, &QPushButton::clicked, this, [this] { askAndReject(selectedIds()); });
    connect(mApproveButton, &QPushButton::clicked, this, &DataTab::approveSelected);
    connect(mRequeueButton, &QPushButton::clicked, this, &DataTab::requeueSelected);
    connect(mItemView, &ItemViewPanel::rejectRequested, this, [this](ItemId item) { askAndReject({item}); });
    connect(mItemView, &ItemViewPanel::approveRequested, this, [this](ItemId item) { approve({item}); });
    connect(mItemView, &ItemViewPanel::closeRequested, this, [this] {
        mItemView->hide();
        mItemView->showItem(0);
        mGrid->setFocus();
    });

    // Changes come in bursts (a labeler submitting, an ingest registering batches):
    // refresh at most every kRefreshThrottleMs, keeping the view where it is.
    mRefreshTimer->setSingleShot(true);
    mRefreshTimer->setInterval(kRefreshThrottleMs);
    connect(mRefreshTimer, &QTimer::timeout, this, [this] { runFilter(true); });
    connect(&mSession, &ProjectSession::changed, this, &DataTab::onProjectChanged);

    updateCounts();
    loadChoices();
    runFilter(false);
}

DataTab::~DataTab() = default;

void DataTab::setInteractive(bool interactive)
{
    mInteractive = interactive;
}

void DataTab::loadChoices()
{
    struct Choices {
        std::vector<LabelClass> classes;
        std::vector<Labeler> labelers;
        std::vector<DataSource> sources;
    };
    mSession.run(
        this,
        [](Project& project) { return Choices{project.classes(), project.labelers(), project.sources()}; },
        [this](Choices choices) {
            mModel->setClasses(choices.classes);
            mFilters->setChoices(choices.classes, choices.labelers, choices.sources);
            mGrid->viewport()->update();
            if (mItemView->isVisible())
                mItemView->reload();
        },
        [this](const QString& text) { showMessage(text, true); });
}

void DataTab::runFilter(bool keepSelection)
{
    mRefreshTimer->stop();
    const std::uint64_t request = ++mFilterRequest;
    const ItemFilter filter = mFilters->filter();
    std::vector<ItemId> keptIds;
    ItemId currentId = 0;
    const bool byId = keepSelection && mHaveResult && mGrid->selection().count() <= kMaxSelectionKeptById;
    if (byId) {
        for (const std::int64_t row : mGrid->selection().rows())
            keptIds.push_back(mModel->idAt(row));
        if (mGrid->currentRow() >= 0)
            currentId = mModel->idAt(mGrid->currentRow());
    }
    mSession.run(
        this,
        [filter, keptIds = std::move(keptIds), currentId](Project& project) {
            FilterResult result;
            result.ids = project.findItems(filter);
            // Finding the kept ids' new rows is a pass over up to a million ids: done here,
            // off the UI thread.
            if (!keptIds.empty() || currentId != 0) {
                std::unordered_map<ItemId, bool> wanted;
                for (const ItemId id : keptIds)
                    wanted.emplace(id, true);
                for (std::size_t row = 0; row < result.ids.size(); ++row) {
                    const ItemId id = result.ids[row];
                    if (id == currentId)
                        result.currentRow = static_cast<std::int64_t>(row);
                    if (wanted.contains(id))
                        result.selectedRows.push_back(static_cast<std::int64_t>(row));
                }
            }
            return result;
        },
        [this, request, keepSelection, byId](FilterResult result) {
            if (request != mFilterRequest)
                return;
            const int scroll = mGrid->verticalScrollBar()->value();
            RowSelection selection;
            std::int64_t current = -1;
            if (byId) {
                for (const std::int64_t row : result.selectedRows)
                    selection.add(row, row + 1);
                current = result.currentRow;
            } else if (keepSelection) {
                selection = mGrid->selection();
                current = mGrid->currentRow();
            }
            mModel->setIds(std::move(result.ids), keepSelection);
            mGrid->rowsReplaced();
            selection.clampTo(mModel->count());
            mGrid->setSelection(std::move(selection), std::min(current, mModel->count() - 1));
            if (keepSelection)
                mGrid->verticalScrollBar()->setValue(scroll);
            else
                mGrid->verticalScrollBar()->setValue(0);
            mHaveResult = true;
            updateCounts();
            emit itemsShown();
        },
        [this, request](const QString& text) {
            if (request == mFilterRequest)
                showMessage(text, true);
        });
}

void DataTab::refresh()
{
    runFilter(true);
}

void DataTab::onProjectChanged(ProjectChange changes)
{
    if (hasChange(changes, ProjectChange::Items))
        mThumbnails->forgetMissing();
    if (hasChange(changes, ProjectChange::Classes) || hasChange(changes, ProjectChange::Definition))
        loadChoices();
    if (hasChange(changes, ProjectChange::Items) || hasChange(changes, ProjectChange::Labels) ||
        hasChange(changes, ProjectChange::Classes)) {
        if (!mRefreshTimer->isActive())
            mRefreshTimer->start();
        if (mItemView->isVisible() && hasChange(changes, ProjectChange::Labels))
            mItemView->reload();
    }
}

std::vector<ItemId> DataTab::selectedIds() const
{
    std::vector<ItemId> ids;
    const RowSelection& selection = mGrid->selection();
    ids.reserve(static_cast<std::size_t>(selection.count()));
    for (const std::int64_t row : selection.rows())
        ids.push_back(mModel->idAt(row));
    return ids;
}

std::int64_t DataTab::itemCount() const
{
    return mModel->count();
}

QString DataTab::message() const
{
    return mMessage->text();
}

void DataTab::openItem(ItemId item)
{
    mItemView->show();
    mItemView->showItem(item);
}

void DataTab::rejectSelected(const QString& reason)
{
    reject(selectedIds(), reason);
}

void DataTab::approveSelected()
{
    approve(selectedIds());
}

void DataTab::requeueSelected()
{
    std::vector<ItemId> items = selectedIds();
    if (items.empty()) {
        showMessage(tr("Select the skipped items to put back in the queue first."), true);
        return;
    }
    mSession.run(
        this, [items = std::move(items)](Project& project) { return project.requeueItems(items); },
        [this](int requeued) {
            showMessage(countOf(requeued, tr("1 skipped item is back in the queue."),
                                tr("%1 skipped items are back in the queue.")),
                        false);
            emit actionFinished();
        },
        [this](const QString& text) {
            showMessage(tr("Nothing was re-queued: %1").arg(text), true);
            emit actionFinished();
        },
        ProjectChange::Labels);
}

void DataTab::askAndReject(const std::vector<ItemId>& items)
{
    if (items.empty()) {
        showMessage(tr("Select the items to reject first."), true);
        return;
    }
    if (!mInteractive)
        return;
    RejectReasonDialog dialog(static_cast<std::int64_t>(items.size()), this);
    if (dialog.exec() == QDialog::Accepted)
        reject(items, dialog.reason());
}

void DataTab::reject(std::vector<ItemId> items, const QString& reason)
{
    const QString trimmed = reason.trimmed();
    if (items.empty()) {
        showMessage(tr("Select the items to reject first."), true);
        return;
    }
    if (trimmed.isEmpty()) {
        // Core refuses it too; saying so here spares a round trip and explains why.
        showMessage(tr("A rejection needs a reason: the labeler sees it in the item's history."), true);
        return;
    }
    mSession.run(
        this, [items = std::move(items), text = trimmed.toStdString()](Project& project) {
            return project.rejectItems(items, text);
        },
        [this](int rejected) {
            showMessage(countOf(rejected, tr("Rejected 1 item; it is back in the queue."),
                                tr("Rejected %1 items; they are back in the queue.")),
                        false);
            emit actionFinished();
        },
        [this](const QString& text) {
            showMessage(tr("Nothing was rejected: %1").arg(text), true);
            emit actionFinished();
        },
        ProjectChange::Labels);
}

void DataTab::approve(std::vector<ItemId> items)
{
    if (items.empty()) {
        showMessage(tr("Select the items to approve first."), true);
        return;
    }
    mSession.run(
        this, [items = std::move(items)](Project& project) { return project.approveItems(items); },
        [this](int approved) {
            if (approved == 0)
                showMessage(tr("None of the selected items has a label to approve."), true);
            else
                showMessage(countOf(approved, tr("Approved 1 item."), tr("Approved %1 items.")), false);
            emit actionFinished();
        },
        [this](const QString& text) {
            showMessage(tr("Nothing was approved: %1").arg(text), true);
            emit actionFinished();
        },
        ProjectChange::Labels);
}

void DataTab::updateCounts()
{
    const std::int64_t selected = mGrid->selection().count();
    QString text = countOf(itemCount(), tr("1 item"), tr("%1 items"));
    if (selected > 0)
        text += tr(" · %1 selected").arg(QLocale().toString(static_cast<qlonglong>(selected)));
    mCount->setText(text);
    mRejectButton->setEnabled(selected > 0);
    mApproveButton->setEnabled(selected > 0);
    mRequeueButton->setEnabled(selected > 0);
    mOpenButton->setEnabled(mGrid->currentRow() >= 0);
}

void DataTab::showMessage(const QString& text, bool error)
{
    mMessage->setText(text);
    mMessage->setStyleSheet(error ? QStringLiteral("color: #b3261e;") : QString());
    mMessage->setVisible(!text.isEmpty());
}

void DataTab::showContextMenu(QPoint globalPos)
{
    QMenu menu(this);
    const std::int64_t selected = mGrid->selection().count();
    QAction* open = menu.addAction(tr("Open"));
    open->setEnabled(mGrid->currentRow() >= 0);
    menu.addSeparator();
    QAction* reject = menu.addAction(countOf(selected, tr("Reject 1 item…"), tr("Reject %1 items…")));
    QAction* approveAction = menu.addAction(countOf(selected, tr("Approve 1 item"), tr("Approve %1 items")));
    QAction* requeue = menu.addAction(countOf(selected, tr("Re-queue 1 item"), tr("Re-queue %1 items")));
    reject->setEnabled(selected > 0);
    approveAction->setEnabled(selected > 0);
    requeue->setEnabled(selected > 0);
    menu.addSeparator();
    QAction* all = menu.addAction(tr("Select all"));
    QAction* chosen = menu.exec(globalPos);
    if (chosen == open)
        openItem(mModel->idAt(mGrid->currentRow()));
    else if (chosen == reject)
        askAndReject(selectedIds());
    else if (chosen == approveAction)
        approveSelected();
    else if (chosen == requeue)
        requeueSelected();
    else if (chosen == all)
        mGrid->selectAll();
}

} // namespace pixmark
