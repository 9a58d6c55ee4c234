#include "core/cache/thumbnail_cache.h"
#include "core/errors.h"
#include "core/ingest/source_request.h"
#include "tests/support/image_files.h"
#include "tests/widgets/widget_fixtures.h"
#include "widgets/session/ingest_job.h"
#include "widgets/session/project_session.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <catch2/catch.hpp>

#include <thread>

using namespace pixmark;

namespace {
std::unique_ptr<ProjectSession> newSession(const test::TempDir& dir)
{
    auto project = Project::create(dir / "s.pixmark", "Session", TaskType::ClassificationMultiClass);
    return std::make_unique<ProjectSession>(std::move(project));
}
} // namespace

TEST_CASE("Requests run on the project thread and answer on the UI thread", "[session]")
{
    test::TempDir dir;
    auto session = newSession(dir);
    QObject context;
    std::thread::id workThread;
    std::thread::id answerThread;
    QString name;
    bool answered = false;
    session->run(
        &context,
        [&](Project& project) {
            workThread = std::this_thread::get_id();
            return project.info().name;
        },
        [&](std::string result) {
            answerThread = std::this_thread::get_id();
            name = QString::fromStdString(result);
            answered = true;
        });
    REQUIRE(QTest::qWaitFor([&] { return answered; }, 5000));
    CHECK(name == QStringLiteral("Session"));
    CHECK(workThread != std::this_thread::get_id());
    CHECK(answerThread == std::this_thread::get_id());
}

TEST_CASE("A failing request reports the core error's message", "[session]")
{
    test::TempDir dir;
    auto session = newSession(dir);
    QObject context;
    QString failure;
    session->run(
        &context, [](Project& project) { return project.item(999).id; }, [](ItemId) {},
        [&](const QString& message) { failure = message; });
    REQUIRE(QTest::qWaitFor([&] { return !failure.isEmpty(); }, 5000));
    CHECK(failure.contains(QStringLiteral("no item with id 999")));

    QSignalSpy errors(session.get(), &ProjectSession::errorOccurred);
    session->post([](Project& project) { project.renameClass(42, "x"); });
    REQUIRE(errors.wait(5000));
    CHECK(errors.front().front().toString().contains(QStringLiteral("no class")));
}

TEST_CASE("Answers for a context that is gone are dropped", "[session]")
{
    test::TempDir dir;
    auto session = newSession(dir);
    bool answered = false;
    {
        QObject context;
        session->run(&context, [](Project& project) { return project.itemCounts().size(); },
                     [&](std::size_t) { answered = true; });
        session->waitForIdle();
    }
    QCoreApplication::processEvents();
    CHECK_FALSE(answered);
}

TEST_CASE("Ingest registers and thumbnails images while labeling requests still run", "[session]")
{
    test::TempDir dir;
    for (int i = 0; i < 200; ++i) // seeds repeat after 256
        test::writePng(dir / "images" / ("img" + std::to_string(i) + ".png"), 64, 48, i);
    auto session = newSession(dir);
    IngestJob job(*session);
    QSignalSpy finished(&job, &IngestJob::finished);
    QSignalSpy arrived(&job, &IngestJob::itemsArrived);

    ingest::SourceRequest request;
    request.kind = SourceKind::Folder;
    request.root = dir / "images";
    job.startAdd(request);
    // A request queued while ingest runs is answered before ingest ends (between batches).
    QObject context;
    bool answered = false;
    session->run(&context, [](Project& project) { return project.itemCounts().size(); },
                 [&](std::size_t) { answered = true; });
    REQUIRE(finished.wait(60000));
    CHECK(answered);
    CHECK(arrived.count() >= 1);
    const QString summary = finished.front().at(0).toString();
    INFO(summary.toStdString());
    CHECK(summary.contains(QStringLiteral("200 images added")));
    CHECK(summary.contains(QStringLiteral("200 thumbnails made")));
    CHECK_FALSE(finished.front().at(1).toBool());
    CHECK_FALSE(job.isRunning());

    std::int64_t items = 0;
    session->run(&context, [](Project& project) { return project.itemCounts()[ItemStatus::Unlabeled]; },
                 [&](std::int64_t count) { items = count; });
    REQUIRE(QTest::qWaitFor([&] { return items != 0; }, 5000));
    CHECK(items == 200);
    CHECK(cache::ThumbnailCache(cacheFolderFor(dir / "s.pixmark")).has(1));
}

TEST_CASE("Ingest of a folder that does not exist fails with the reason", "[session]")
{
    test::TempDir dir;
    auto session = newSession(dir);
    IngestJob job(*session);
    QSignalSpy failed(&job, &IngestJob::failed);
    ingest::SourceRequest request;
    request.kind = SourceKind::Folder;
    request.root = dir / "nowhere";
    job.startAdd(request);
    REQUIRE(failed.wait(10000));
    CHECK(failed.front().front().toString().contains(QStringLiteral("nowhere")));
}
