#include "widgets/session/project_session.h"

#include <QMetaObject>

namespace pixmark {

ProjectSession::ProjectSession(std::unique_ptr<Project> project, QObject* parent)
    : QObject(parent), mProject(std::move(project)),
      mFilePath(QString::fromStdString(mProject->file().string()))
{
    mThread = std::thread([this] { workerLoop(); });
}

ProjectSession::~ProjectSession()
{
    {
        std::lock_guard lock(mMutex);
        mStopping = true;
    }
    mWake.notify_all();
    mThread.join();
}

std::unique_ptr<ProjectSession> ProjectSession::open(const QString& filePath)
{
    return std::make_unique<ProjectSession>(Project::open(filePath.toStdString()));
}

void ProjectSession::enqueue(Request request)
{
    {
        std::lock_guard lock(mMutex);
        if (request.isLong)
            ++mLongQueued;
        mQueue.push_back(std::move(request));
    }
    mWake.notify_all();
}

void ProjectSession::post(std::function<void(Project&)> work, ProjectChange changes)
{
    run(this, std::move(work), [] {}, {}, changes);
}

void ProjectSession::postLong(std::function<void(Project&)> work)
{
    enqueue(Request{[this, work = std::move(work)] {
                        try {
                            work(*mProject);
                        } catch (const std::exception& error) {
                            reportFailure(this, {}, QString::fromStdString(error.what()));
                        }
                    },
                    true});
}

void ProjectSession::workerLoop()
{
    std::unique_lock lock(mMutex);
    for (;;) {
        mWake.wait(lock, [this] { return mStopping || !mQueue.empty(); });
        if (mQueue.empty()) {
            // Stopping and nothing left: close the project on the thread that used it.
            lock.unlock();
            mProject.reset();
            return;
        }
        Request request = std::move(mQueue.front());
        mQueue.pop_front();
        ++mRunning;
        mInLongJob = request.isLong;
        lock.unlock();
        request.run();
        lock.lock();
        if (request.isLong)
            --mLongQueued;
        mInLongJob = false;
        --mRunning;
        if (mQueue.empty() && mRunning == 0)
            mIdle.notify_all();
    }
}

void ProjectSession::yieldToRequests()
{
    std::unique_lock lock(mMutex);
    // Short requests run now, in order; long ones keep their place in the queue.
    for (auto it = mQueue.begin(); it != mQueue.end();) {
        if (it->isLong) {
            ++it;
            continue;
        }
        Request request = std::move(*it);
        it = mQueue.erase(it);
        lock.unlock();
        request.run();
        lock.lock();
        it = mQueue.begin(); // the queue may have changed while unlocked
    }
}

void ProjectSession::waitForIdle()
{
    std::unique_lock lock(mMutex);
    mIdle.wait(lock, [this] { return mQueue.empty() && mRunning == 0; });
}

bool ProjectSession::isBusy() const
{
    std::lock_guard lock(mMutex);
    return mLongQueued > 0;
}

void ProjectSession::deliver(std::function<void()> f)
{
    QMetaObject::invokeMethod(this, std::move(f), Qt::QueuedConnection);
}

void ProjectSession::reportFailure(QPointer<QObject> context, std::function<void(const QString&)> failed,
                                   QString message)
{
    deliver([this, context, failed = std::move(failed), message] {
        if (failed && context)
            failed(message);
        else if (!failed)
            emit errorOccurred(message);
    });
}

void ProjectSession::announce(ProjectChange changes)
{
    if (changes == ProjectChange::None)
        return;
    deliver([this, changes] { emit changed(changes); });
}

} // namespace pixmark
