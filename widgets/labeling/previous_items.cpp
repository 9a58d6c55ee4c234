// BoxLabelingPage, previous items: the items handed in this session, reopened through
// core (Project::reopenSubmitted) in front of the held ones, and left again.
#include "widgets/canvas/box_canvas.h"
#include "widgets/canvas/shape_list_panel.h"
#include "widgets/labeling/box_labeling_page_p.h"
#include "widgets/labeling/image_prefetcher.h"
#include "widgets/session/project_session.h"
#include "widgets/tools/abstract_tool.h"

#include <algorithm>
#include <utility>

namespace pixmark {

namespace {
struct ReopenedRecord {
    SubmissionRecord record;
    std::string path;
};
} // namespace

void BoxLabelingPage::rememberHandedIn(ItemId id)
{
    const ItemId before = mBack.empty() ? 0 : mBack.back();
    mBack.push_back(id);
    if (mBack.size() > kBackItems)
        mBack.pop_front();
    if (before != 0)
        releaseImage(before);
}

void BoxLabelingPage::releaseImage(ItemId id)
{
    // The newest handed-in item stays decoded, so the previous item is one key away.
    const bool held = std::any_of(mHeld.begin(), mHeld.end(), [id](const auto& h) { return h->id == id; });
    if (!held && (mBack.empty() || mBack.back() != id))
        mPrefetcher->forget(id);
}

int BoxLabelingPage::reopenedDepth() const
{
    if (mHeld.empty() || !mHeld.front()->reopened)
        return 0;
    const auto at = std::find(mBack.begin(), mBack.end(), mHeld.front()->id);
    return static_cast<int>(mBack.end() - at);
}

bool BoxLabelingPage::readyToLeave()
{
    if (mCanvas->tool()->isBusy()) {
        emit message(tr("Finish or cancel (Esc) the shape being drawn first."));
        return false;
    }
    return confirmLeave();
}

void BoxLabelingPage::previousItem()
{
    // A key pressed while an item is being reopened counts: holding A goes back steadily.
    if (mReopenInFlight) {
        --mQueuedSteps;
        return;
    }
    const int depth = reopenedDepth();
    const std::size_t at = mBack.size() - static_cast<std::size_t>(depth);
    if (at == 0) {
        emit message(mBack.empty() ? tr("Nothing handed in yet in this session to go back to.")
                                   : tr("This is the earliest item of this session you can go back to."));
        return;
    }
    if (readyToLeave())
        reopen(mBack[at - 1]);
}

void BoxLabelingPage::nextItem()
{
    if (mReopenInFlight) {
        ++mQueuedSteps;
        return;
    }
    const int depth = reopenedDepth();
    if (depth == 0) {
        emit message(tr("This is the newest item: submit or skip it to go on."));
        return;
    }
    if (!readyToLeave())
        return;
    if (depth > 1) {
        reopen(mBack[mBack.size() - static_cast<std::size_t>(depth) + 1]);
        return;
    }
    leaveReopened();
    showCurrent();
}

void BoxLabelingPage::leaveReopened()
{
    // The canvas and the list point at the document that goes.
    mCanvas->setDocument(nullptr);
    mShapeList->setDocument(nullptr);
    const ItemId id = mHeld.front()->id;
    mHeld.pop_front();
    mShownImage = 0;
    releaseImage(id);
}

void BoxLabelingPage::reopen(ItemId id)
{
    mReopenInFlight = true;
    ++mPending;
    mSession.run(
        this,
        [labeler = mLabeler, id](Project& project) {
            ReopenedRecord reopened{project.reopenSubmitted(labeler, id), {}};
            reopened.path = project.absolutePath(project.item(id).relativePath).string();
            return reopened;
        },
        [this, id](ReopenedRecord reopened) {
            --mPending;
            mReopenInFlight = false;
            // The labeler agreed to leave the item on screen (readyToLeave): a reopened one
            // goes, the item being labeled stays held, without the edits they gave up.
            if (!mHeld.empty() && mHeld.front()->reopened) {
                leaveReopened();
            } else if (!mHeld.empty() && mHeld.front()->document && mHeld.front()->document->isModified()) {
                mCanvas->setDocument(nullptr);
                mShapeList->setDocument(nullptr);
                mHeld.front()->document.reset();
            }
            auto held = std::make_unique<Held>();
            held->id = id;
            held->path = QString::fromStdString(reopened.path);
            held->reopened = true;
            held->submitted = std::move(reopened.record.annotations);
            mPrefetcher->requestPyramid(id, held->path);
            mHeld.push_front(std::move(held));
            mShownImage = 0;
            showCurrent();
            emit message(reopened.record.skipped
                             ? tr("Reopened an item you skipped: label it and submit, or go on to the next item.")
                             : tr("Reopened with its label: correct it and submit, or go on to the next item."));
            takeQueuedStep();
        },
        [this](const QString& text) {
            --mPending;
            mReopenInFlight = false;
            mQueuedSteps = 0;
            emit message(tr("Cannot reopen that item: %1").arg(text));
        });
}

void BoxLabelingPage::takeQueuedStep()
{
    const int steps = std::exchange(mQueuedSteps, 0);
    if (steps == 0)
        return;
    mQueuedSteps = steps < 0 ? steps + 1 : steps - 1;
    steps < 0 ? previousItem() : nextItem();
    // A step that went nowhere (the earliest item, edits kept) ends the run.
    if (!mReopenInFlight)
        mQueuedSteps = 0;
}

} // namespace pixmark
