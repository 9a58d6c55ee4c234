#include "widgets/session/ingest_job.h"

#include "core/cache/cache_jobs.h"
#include "core/cache/thumbnail_cache.h"
#include "widgets/session/project_session.h"

#include <QLocale>
#include <QMetaObject>
#include <QPointer>

#include <chrono>

namespace pixmark {

namespace {
// Work is done in small batches; between batches queued requests (a labeler's next page)
// run, so they wait for at most one batch. Smaller batches cost a little throughput.
constexpr std::size_t kRegistrationBatch = 250;
constexpr std::size_t kThumbnailChunk = 32;
// Progress signals at most this often.
constexpr auto kProgressInterval = std::chrono::milliseconds(100);
} // namespace

IngestJob::IngestJob(ProjectSession& session, QObject* parent) : QObject(parent), mSession(session) {}

void IngestJob::startAdd(const ingest::SourceRequest& request)
{
    start(Kind::Add, request, 0);
}

void IngestJob::startRefresh(SourceId source)
{
    start(Kind::Refresh, std::nullopt, source);
}

void IngestJob::startThumbnails()
{
    start(Kind::Thumbnails, std::nullopt, 0);
}

void IngestJob::cancel()
{
    mCancel.cancel();
}

void IngestJob::start(Kind kind, std::optional<ingest::SourceRequest> request, SourceId source)
{
    mCancel = CancelToken();
    mRunning = true;
    QPointer<IngestJob> self(this);
    const CancelToken cancel = mCancel;
    ProjectSession* session = &mSession;
    // Signals reach the UI thread through queued calls on the session (which outlives the
    // job's work), so a job deleted meanwhile receives nothing.
    auto onUi = [self, session](auto f) {
        QMetaObject::invokeMethod(
            session,
            [self, f] {
                if (self)
                    f(*self);
            },
            Qt::QueuedConnection);
    };
    mSession.postLong([=](Project& project) {
        auto lastProgress = std::chrono::steady_clock::now() - kProgressInterval;
        auto report = [&](std::int64_t done, std::int64_t total, std::string_view stage, bool force) {
            const auto now = std::chrono::steady_clock::now();
            if (!force && now - lastProgress < kProgressInterval)
                return;
            lastProgress = now;
            const QString stageText = QString::fromUtf8(stage.data(), static_cast<qsizetype>(stage.size()));
            onUi([done, total, stageText](IngestJob& job) { emit job.progress(done, total, stageText); });
        };
        try {
            ingest::RegistrationReport registration;
            if (kind != Kind::Thumbnails) {
                ingest::RegistrationOptions options;
                options.batchSize = kRegistrationBatch;
                ingest::Registrar registrar(project, options);
                auto callback = [&](std::int64_t done, std::int64_t total, std::string_view stage) {
                    report(done, total, stage, false);
                    if (stage == "registering") {
                        onUi([](IngestJob& job) { emit job.itemsArrived(); });
                        session->yieldToRequests();
                    }
                };
                registration = kind == Kind::Add ? registrar.addSource(*request, callback, cancel)
                                                 : registrar.refresh(source, callback, cancel);
                onUi([](IngestJob& job) { emit job.itemsArrived(); });
            }
            const cache::ThumbnailCache thumbnails(project.cacheFolder());
            std::vector<cache::ImageJob> missing;
            for (auto& image : cache::readableImages(project))
                if (!thumbnails.has(image.itemId))
                    missing.push_back(std::move(image));
            std::int64_t made = 0;
            std::int64_t undecodable = 0;
            for (std::size_t begin = 0; begin < missing.size() && !cancel.isCancelled(); begin += kThumbnailChunk) {
                const std::size_t end = std::min(missing.size(), begin + kThumbnailChunk);
                const std::vector<cache::ImageJob> chunk(missing.begin() + static_cast<std::ptrdiff_t>(begin),
                                                         missing.begin() + static_cast<std::ptrdiff_t>(end));
                const auto built = thumbnails.build(chunk, {}, 0, {}, cancel);
                made += built.made;
                undecodable += static_cast<std::int64_t>(built.undecodable.size());
                if (!built.undecodable.empty())
                    project.markItemsUnreadable(built.undecodable);
                report(static_cast<std::int64_t>(end), static_cast<std::int64_t>(missing.size()), "thumbnails",
                       end == missing.size());
                onUi([](IngestJob& job) { emit job.itemsArrived(); });
                session->yieldToRequests();
            }
            const bool cancelled = cancel.isCancelled() || registration.cancelled;
            const QString summary = summarize(registration, made, undecodable);
            onUi([summary, cancelled](IngestJob& job) {
                job.mRunning = false;
                emit job.finished(summary, cancelled);
            });
        } catch (const std::exception& error) {
            const QString message = QString::fromStdString(error.what());
            onUi([message](IngestJob& job) {
                job.mRunning = false;
                emit job.failed(message);
            });
        }
    });
}

QString IngestJob::describeProgress(qint64 done, qint64 total, const QString& stage)
{
    const QLocale locale;
    if (stage == QStringLiteral("thumbnails"))
        return tr("Making thumbnails: %1 of %2").arg(locale.toString(done), locale.toString(total));
    if (stage == QStringLiteral("registering"))
        return tr("Registering images: %1 of %2").arg(locale.toString(done), locale.toString(total));
    if (total > 0)
        return tr("%1: %2 of %3").arg(stage, locale.toString(done), locale.toString(total));
    return tr("%1…").arg(stage.isEmpty() ? tr("Working") : stage.left(1).toUpper() + stage.mid(1));
}

QString IngestJob::summarize(const ingest::RegistrationReport& report, qint64 thumbnailsMade, qint64 undecodable)
{
    const QLocale locale;
    QStringList parts;
    parts << tr("%1 images added").arg(locale.toString(report.added));
    if (report.alreadyRegistered > 0)
        parts << tr("%1 already in the project").arg(locale.toString(report.alreadyRegistered));
    if (report.markedMissing > 0)
        parts << tr("%1 missing").arg(locale.toString(report.markedMissing));
    if (report.foundAgain > 0)
        parts << tr("%1 found again").arg(locale.toString(report.foundAgain));
    if (report.moved > 0)
        parts << tr("%1 moved").arg(locale.toString(report.moved));
    if (report.labelsImported > 0)
        parts << tr("%1 labels imported").arg(locale.toString(report.labelsImported));
    const qint64 unreadable = static_cast<qint64>(report.unreadable.size()) + undecodable;
    if (unreadable > 0)
        parts << tr("%1 unreadable").arg(locale.toString(unreadable));
    if (!report.problems.empty())
        parts << tr("%1 problems (first: %2)")
                     .arg(locale.toString(static_cast<qint64>(report.problems.size())),
                          QString::fromStdString(report.problems.front().path + ": " + report.problems.front().reason));
    if (thumbnailsMade > 0)
        parts << tr("%1 thumbnails made").arg(locale.toString(thumbnailsMade));
    return parts.join(QStringLiteral(", ")) + QLatin1Char('.');
}

} // namespace pixmark
