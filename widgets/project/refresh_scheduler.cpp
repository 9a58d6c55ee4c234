#include "widgets/project/refresh_scheduler.h"

#include "core/ingest/refresh_schedule.h"
#include "core/util/clock.h"
#include "widgets/project/project_window.h"
#include "widgets/session/ingest_job.h"
#include "widgets/session/project_session.h"

#include <QDateTime>

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
    std::vector<std::pair<SourceId, int>> due; ///< with each source's interval in seconds
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
            Due result{{}, ingest::timeUntilNextDue(sources, now)};
            for (const SourceId id : ingest::dueSources(sources, now))
                for (const DataSource& source : sources)
                    if (source.id == id)
                        result.due.emplace_back(id, source.refreshIntervalSeconds);
            return result;
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
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            std::optional<qint64> nextRetry;
            for (const auto& [id, intervalSeconds] : result.due) {
                const auto backoff = mRetryAt.find(id);
                if (backoff != mRetryAt.end() && backoff->second > now) {
                    nextRetry = std::min(nextRetry.value_or(backoff->second), backoff->second);
                    continue;
                }
                mRetryAt.erase(id);
                IngestJob* job = mWindow.startIngestJob();
                connect(job, &IngestJob::finished, this, &RefreshScheduler::check);
                // A source that fails (its folder is unplugged, say) stays due, since its last
                // refresh time does not move: it waits its interval before the next try
                // instead of failing again every few seconds.
                const qint64 retryMs = std::clamp<qint64>(qint64{intervalSeconds} * 1000, 60 * 1000, maxWaitMs);
                connect(job, &IngestJob::failed, this, [this, id, retryMs] {
                    mRetryAt[id] = QDateTime::currentMSecsSinceEpoch() + retryMs;
                    check();
                });
                job->startRefresh(id);
                ++mStarted;
                return;
            }
            std::optional<qint64> wait;
            if (result.wait && result.wait->count() > 0)
                wait = result.wait->count();
            if (nextRetry)
                wait = std::min(wait.value_or(*nextRetry - now), *nextRetry - now);
            if (wait)
                mTimer.start(static_cast<int>(std::clamp<qint64>(*wait, minWaitMs, maxWaitMs)));
            else
                mTimer.stop();
        },
        [this](const QString&) {
            mChecking = false;
            mTimer.start(static_cast<int>(maxWaitMs));
        });
}

} // namespace pixmark
