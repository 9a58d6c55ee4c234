#pragma once
// An open project in the GUI: the Project lives on one thread of its own (its only
// writer, as DESIGN.md requires), and windows talk to it through requests that run
// there and answer on the UI thread. Nothing the UI thread does waits on SQLite.

#include "core/project/project.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>

namespace pixmark {

/// What a request changed, so views refresh only what they show. Flags combine.
enum class ProjectChange {
    None = 0,
    Items = 1,     ///< items registered, refreshed, marked missing or unreadable
    Labels = 2,    ///< submissions, rejections, approvals, checkouts
    Classes = 4,
    Definition = 8, ///< name, state, instructions, settings, sources
};
inline ProjectChange operator|(ProjectChange a, ProjectChange b)
{
    return static_cast<ProjectChange>(static_cast<int>(a) | static_cast<int>(b));
}
inline bool hasChange(ProjectChange set, ProjectChange flag)
{
    return (static_cast<int>(set) & static_cast<int>(flag)) != 0;
}

/// Owns an open Project and the thread it runs on. Create on the UI thread; the
/// destructor lets queued requests finish, then closes the project on its thread.
class ProjectSession : public QObject {
    Q_OBJECT
public:
    /// Takes over an open project (opened or created on the calling thread).
    explicit ProjectSession(std::unique_ptr<Project> project, QObject* parent = nullptr);
    ~ProjectSession() override;

    /// Opens the file for writing; throws what Project::open throws.
    static std::unique_ptr<ProjectSession> open(const QString& filePath);

    /// Absolute path of the project file.
    QString filePath() const { return mFilePath; }

    /// Runs work(Project&) on the project thread, then done(result) on context's thread
    /// (skipped when context is gone). When work throws, failed(message) runs there
    /// instead, or errorOccurred(message) is emitted when failed is empty. changes is
    /// announced through changed() after work succeeds.
    template <class Work, class Done>
    void run(QObject* context, Work work, Done done, std::function<void(const QString&)> failed = {},
             ProjectChange changes = ProjectChange::None);
    /// Runs work for its effect only; failures go to errorOccurred.
    void post(std::function<void(Project&)> work, ProjectChange changes = ProjectChange::None);

    /// Runs a long job (ingest, thumbnails) on the project thread. It must call yield()
    /// (see yieldToRequests) between its batches so that labeling is not held up.
    void postLong(std::function<void(Project&)> work);
    /// From inside a long job, on the project thread: runs the short requests queued
    /// since, then returns. Never call from anywhere else.
    void yieldToRequests();

    /// Blocks until every request queued before this call has finished (tests, shutdown).
    void waitForIdle();
    /// True while a long job runs or is queued.
    bool isBusy() const;

signals:
    /// A request that changed the project finished (emitted on the UI thread).
    void changed(pixmark::ProjectChange changes);
    /// A request failed and had no failure handler of its own.
    void errorOccurred(const QString& message);

private:
    struct Request {
        std::function<void()> run;
        bool isLong = false;
    };
    void enqueue(Request request);
    void workerLoop();
    /// Runs f on the UI thread (the session's thread).
    void deliver(std::function<void()> f);
    /// Hands message to failed (when context still exists) or to errorOccurred.
    void reportFailure(QPointer<QObject> context, std::function<void(const QString&)> failed, QString message);
    void announce(ProjectChange changes);

    std::unique_ptr<Project> mProject;
    QString mFilePath;
    mutable std::mutex mMutex;
    std::condition_variable mWake;
    std::condition_variable mIdle;
    std::deque<Request> mQueue;
    int mRunning = 0; ///< requests started and not finished (nested ones count too)
    int mLongQueued = 0;
    bool mStopping = false;
    bool mInLongJob = false;
    std::thread mThread;
};

template <class Work, class Done>
void ProjectSession::run(QObject* context, Work work, Done done, std::function<void(const QString&)> failed,
                         ProjectChange changes)
{
    // The guard is only read on the UI thread, where context lives and dies.
    QPointer<QObject> guard(context);
    enqueue(Request{[this, guard, work = std::move(work), done = std::move(done), failed = std::move(failed),
                     changes]() mutable {
                        using Result = std::invoke_result_t<Work, Project&>;
                        try {
                            if constexpr (std::is_void_v<Result>) {
                                work(*mProject);
                                deliver([guard, done]() mutable {
                                    if (guard)
                                        done();
                                });
                            } else {
                                auto result = std::make_shared<Result>(work(*mProject));
                                deliver([guard, done, result]() mutable {
                                    if (guard)
                                        done(std::move(*result));
                                });
                            }
                            announce(changes);
                        } catch (const std::exception& error) {
                            reportFailure(guard, failed, QString::fromStdString(error.what()));
                        }
                    },
                    false});
}

} // namespace pixmark
