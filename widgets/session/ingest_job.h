#pragma once
// Ingest from the GUI: registers a source's files (or refreshes a source), then makes
// the thumbnails that are missing, as one long job on the project's thread. Between
// batches it lets queued requests run, so people label the first items while the rest
// arrive.

#include "core/ingest/registrar.h"
#include "core/util/progress.h"

#include <QObject>
#include <QString>

#include <optional>

namespace pixmark {

class ProjectSession;

/// One run of ingest. Lives on the UI thread; its signals arrive there. Owned by whoever
/// starts it (the project window keeps the current one).
class IngestJob : public QObject {
    Q_OBJECT
public:
    IngestJob(ProjectSession& session, QObject* parent = nullptr);

    /// Adds the source and registers its files, then thumbnails.
    void startAdd(const ingest::SourceRequest& request);
    /// Refreshes an existing source, then thumbnails.
    void startRefresh(SourceId source);
    /// Only thumbnails for items that lack them.
    void startThumbnails();
    /// Asks the job to stop at the next batch; what finished is kept.
    void cancel();
    bool isRunning() const { return mRunning; }

    /// One line for a status bar: "Registering 2,000 of 10,000 images".
    static QString describeProgress(qint64 done, qint64 total, const QString& stage);
    /// What the user sees when it ends: added, skipped, problems.
    static QString summarize(const ingest::RegistrationReport& report, qint64 thumbnailsMade, qint64 undecodable);

signals:
    /// Throttled to a few per second. total is 0 while unknown.
    void progress(qint64 done, qint64 total, const QString& stage);
    /// New items are in the project (emitted after each registered batch).
    void itemsArrived();
    /// The job ended (also when cancelled); summary is for people.
    void finished(const QString& summary, bool cancelled);
    void failed(const QString& message);

private:
    enum class Kind { Add, Refresh, Thumbnails };
    void start(Kind kind, std::optional<ingest::SourceRequest> request, SourceId source);

    ProjectSession& mSession;
    CancelToken mCancel;
    bool mRunning = false;
};

} // namespace pixmark
