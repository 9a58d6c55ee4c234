#pragma once
// ML assist's runs in the background: "Train now", and training on its own when the
// project's schedule says one is due (core/project/training_schedule.h). A run works on a
// thread of its own with a worker connection to the project, so labeling and every view
// go on while it trains; progress and the outcome come back on the UI thread.

#include "widgets/session/pipeline_runner.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

namespace pixmark {

class ProjectSession;

class AssistWorker : public QObject {
    Q_OBJECT
public:
    /// runner may be empty (no ML engine in this build): nothing ever starts then.
    AssistWorker(ProjectSession& session, PipelineRunner runner, QObject* parent = nullptr);
    /// Cancels a run in progress and waits for it to stop (its step is recorded cancelled).
    ~AssistWorker() override;

    bool isAvailable() const { return static_cast<bool>(mRunner); }
    bool isRunning() const { return mRunning; }
    /// Starts a job now (Train now: a training); false (with a reason through finished())
    /// when one runs already or this build cannot train.
    bool start(PipelineJob job = PipelineJob::Train);
    /// Asks the run to stop at its next check; finished() follows.
    void cancel();
    /// On (the default): when the project opens and after label changes, a run starts by
    /// itself when one is due (a training, or before the first one the grouping of the
    /// unlabeled items into pages of similar images). After a run that failed or was cancelled, the next automatic
    /// one waits for as many new labels as a retraining does.
    void setAutomatic(bool automatic) { mAutomatic = automatic; }
    /// Blocks until no run is in progress (tests, shutdown).
    void waitUntilIdle();

signals:
    void started();
    /// A step's progress (stage: "cache", "training", "inference", ...), at most ~10 times a second.
    void progressed(const QString& stage, qint64 done, qint64 total);
    /// ok false: message says why (failed, or "Cancelled."); ok true: the runner's note, often empty.
    void finished(bool ok, const QString& message);

private:
    void checkSchedule();
    void launch(std::unique_ptr<Project> connection, PipelineJob job);
    void joinThread();

    ProjectSession& mSession;
    PipelineRunner mRunner;
    bool mRunning = false;
    bool mAutomatic = true;
    bool mChecking = false;
    QTimer mScheduleCheck; ///< coalesces the schedule checks of a burst of label changes
    std::int64_t mRetryAtLabels = 0; ///< after a failed or cancelled run, no automatic one before this
    CancelToken mCancel;
    std::thread mThread;
    std::mutex mProgressMutex;
    std::int64_t mLastProgressNs = 0;
};

} // namespace pixmark
