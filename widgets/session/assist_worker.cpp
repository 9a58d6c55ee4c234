#include "widgets/session/assist_worker.h"

#include "core/project/project.h"
#include "core/project/training_schedule.h"
#include "widgets/session/project_session.h"

#include <QMetaObject>
#include <QTimer>

#include <chrono>

namespace pixmark {

namespace {
constexpr std::int64_t kProgressEveryNs = 100'000'000;
constexpr int kScheduleCheckDelayMs = 1000;

std::int64_t steadyNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
} // namespace

AssistWorker::AssistWorker(ProjectSession& session, PipelineRunner runner, QObject* parent)
    : QObject(parent), mSession(session), mRunner(std::move(runner))
{
    // The schedule reads the item counts on the project thread: once per burst of changes,
    // not once per submission, so a fast labeler's hand-ins never queue behind it.
    mScheduleCheck.setSingleShot(true);
    mScheduleCheck.setInterval(kScheduleCheckDelayMs);
    connect(&mScheduleCheck, &QTimer::timeout, this, &AssistWorker::checkSchedule);
    connect(&mSession, &ProjectSession::changed, this, [this](ProjectChange changes) {
        if ((hasChange(changes, ProjectChange::Labels) || hasChange(changes, ProjectChange::Definition)) &&
            !mScheduleCheck.isActive())
            mScheduleCheck.start();
    });
    // A training may already be due when the project opens (labels merged from packages,
    // or imported): once the window is up, it starts like any other.
    QTimer::singleShot(0, this, &AssistWorker::checkSchedule);
}

AssistWorker::~AssistWorker()
{
    mCancel.cancel();
    joinThread();
}

bool AssistWorker::start(PipelineJob job)
{
    if (!mRunner) {
        emit finished(false, tr("This build of Pixmark has no ML engine, so it cannot train models."));
        return false;
    }
    if (mRunning)
        return false;
    mRunning = true;
    mCancel = CancelToken();
    emit started();
    mSession.run(
        this, [](Project& project) { return project.openWorkerConnection(); },
        [this, job](std::unique_ptr<Project> connection) { launch(std::move(connection), job); },
        [this](const QString& message) {
            mRunning = false;
            emit finished(false, message);
        });
    return true;
}

void AssistWorker::cancel()
{
    mCancel.cancel();
}

void AssistWorker::waitUntilIdle()
{
    joinThread();
}

void AssistWorker::joinThread()
{
    if (mThread.joinable())
        mThread.join();
}

void AssistWorker::checkSchedule()
{
    if (!mRunner || !mAutomatic || mRunning || mChecking)
        return;
    mChecking = true;
    mSession.run(
        this, [](Project& project) { return trainingScheduleOf(project); },
        [this](TrainingSchedule schedule) {
            mChecking = false;
            if (schedule.labels < mRetryAtLabels || mRunning)
                return;
            if (schedule.isDue())
                start(PipelineJob::Train);
            else if (schedule.groupingDue)
                start(PipelineJob::GroupSimilar);
        },
        [this](const QString&) { mChecking = false; });
}

void AssistWorker::launch(std::unique_ptr<Project> connection, PipelineJob job)
{
    joinThread(); // the thread of the run before, which has ended
    mThread = std::thread([this, connection = std::move(connection), job, runner = mRunner,
                           cancel = mCancel]() mutable {
        const auto progress = [this](std::int64_t done, std::int64_t total, std::string_view stage) {
            const std::int64_t now = steadyNs();
            {
                std::lock_guard lock(mProgressMutex);
                if (done < total && now - mLastProgressNs < kProgressEveryNs)
                    return;
                mLastProgressNs = now;
            }
            QMetaObject::invokeMethod(
                this,
                [this, name = QString::fromUtf8(stage.data(), static_cast<qsizetype>(stage.size())), done, total] {
                    emit progressed(name, done, total);
                },
                Qt::QueuedConnection);
        };
        QString failure;
        QString note;
        std::int64_t retryAt = -1;
        try {
            note = QString::fromStdString(runner(*connection, job, progress, cancel));
        } catch (const std::exception& error) {
            failure = QString::fromStdString(error.what());
        }
        if (!failure.isEmpty() || cancel.isCancelled()) {
            try {
                const TrainingSchedule schedule = trainingScheduleOf(*connection);
                retryAt = schedule.labels + schedule.retrainEvery;
            } catch (const std::exception&) {
                // Not knowing only means an automatic retry may come sooner.
            }
        }
        connection.reset(); // closed here, before the owner's connection is
        const bool cancelled = cancel.isCancelled();
        QMetaObject::invokeMethod(
            this,
            [this, failure, note, cancelled, retryAt] {
                mRunning = false;
                if (retryAt >= 0)
                    mRetryAtLabels = retryAt;
                // The run wrote runs, suggestions and clusters through its own connection:
                // an empty request tells every view to read them.
                mSession.post([](Project&) {}, ProjectChange::Labels);
                if (cancelled)
                    emit finished(false, tr("Cancelled; the steps that finished before are kept."));
                else
                    emit finished(failure.isEmpty(), failure.isEmpty() ? note : failure);
            },
            Qt::QueuedConnection);
    });
}

} // namespace pixmark
