#include "widgets/project/refresh_scheduler.h"

#include "core/ingest/refresh_schedule.h"
#include "core/util/clock.h"
#include "widgets/project/project_window.h"
#include "widgets/session/ingest_job.h"
#include "widgets/session/project_session.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

namespace pixmark {

namespace {
// Bounds on the wait: a clock change or a missed signal costs at most an hour, and a
// source that fails at once is not retried in a tight loop.
constexpr qint64 minWaitMs = 5 * 1000;
constexpr qint64 maxWaitMs = 60 * 60 * 1000;

struct Due {
    std::vector<SourceId> due;
    std::optional<std::chrono::milliseconds> wait;
};
} // namespace

RefreshScheduler::RefreshScheduler(ProjectSession& session, ProjectWindow& window)
    : QObject(&window), mSession(session), mWindow(window)
{
    mTimer.setSingleShot(true);
    connect(&mTimer, &QTimer::timeout, this, &RefreshScheduler::check);
    connect(&mSession, &ProjectSession::changed, this, [this](ProjectChange changes) {
        if (hasChange(changes, ProjectChange::Definition))
            check();
    });
    check();
}

void RefreshScheduler::check()
{
    if (mChecking) {
        mAgain = true;
        return;
    }
    mChecking = true;
    mSession.run(
        this,
        [](Project& project) {
            const auto sources = project.sources();
            const Timestamp now = nowMs();
            return Due{ingest::dueSources(sources, now), ingest::timeUntilNextDue(sources, now)};
        },
        [this](const Due& result) {
            mChecking = false;
            if (std::exchange(mAgain, false)) {
                check();
                return;
            }
            IngestJob* running = mWindow.ingestJob();
            if (running && running->isRunning()) {
                // Whatever runs now (an add, a "Refresh now") finishes first.
                connect(running, &IngestJob::finished, this, &RefreshScheduler::check, Qt::UniqueConnection);
                return;
            }
            if (!result.due.empty()) {
                IngestJob* job = mWindow.startIngestJob();
                connect(job, &IngestJob::finished, this, &RefreshScheduler::check);
                // A failed refresh waits its interval like any other: no immediate retry.
                connect(job, &IngestJob::failed, this, [this] { mTimer.start(static_cast<int>(minWaitMs)); });
                job->startRefresh(result.due.front());
                ++mStarted;
                return;
            }
            if (result.wait)
                mTimer.start(static_cast<int>(std::clamp<qint64>(result.wait->count(), minWaitMs, maxWaitMs)));
            else
                mTimer.stop();
        },
        [this](const QString&) {
            mChecking = false;
            mTimer.start(static_cast<int>(maxWaitMs));
        });
}

} // namespace pixmark
