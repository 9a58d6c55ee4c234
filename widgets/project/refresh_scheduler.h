#pragma once
// Incremental refresh while a project is open: sources with incremental refresh and an
// interval are refreshed when their interval has passed (core's refresh_schedule), one
// at a time, never cutting into an ingest job that is already running.

#include "core/model/data_source.h"

#include <QObject>
#include <QTimer>

#include <map>

namespace pixmark {

class ProjectSession;
class ProjectWindow;

/// Owned by the project window; starts refreshes through window.startIngestJob().
class RefreshScheduler : public QObject {
    Q_OBJECT
public:
    RefreshScheduler(ProjectSession& session, ProjectWindow& window);

    /// Looks at the sources now: refreshes the first due one, or waits until the next is due.
    void check();
    /// Refreshes started by the scheduler since construction.
    int refreshesStarted() const { return mStarted; }

private:
    ProjectSession& mSession;
    ProjectWindow& mWindow;
    QTimer mTimer;
    bool mChecking = false;
    bool mAgain = false;
    int mStarted = 0;
    std::map<SourceId, qint64> mRetryAt; ///< failed sources: not retried before this time (ms)
};

} // namespace pixmark
