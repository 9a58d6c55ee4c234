// How responsive the GUI stays while images are ingested and thumbnailed: opens the real
// project window, starts ingest of N generated JPEGs, and measures the gaps between
// event-loop turns (a 5 ms timer) and how long a labeling-sized request waits for its
// answer while ingest runs. Prints figures; asserts nothing.
//   pixmark_ui_ingest_bench WORK_DIR [IMAGES=10000]

#include "core/cache/jpeg_writer.h"
#include "core/ingest/source_request.h"
#include "widgets/project/project_window.h"
#include "widgets/session/ingest_job.h"
#include "widgets/session/project_session.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <random>
#include <vector>

using namespace pixmark;

namespace {

void generateImages(const std::filesystem::path& folder, int count)
{
    std::mt19937 random(7);
    for (int i = 0; i < count; ++i) {
        ingest::DecodedImage image;
        image.width = 640;
        image.height = 480;
        image.channels = 3;
        image.samples8.resize(static_cast<std::size_t>(image.width * image.height * 3));
        const auto base = static_cast<std::uint8_t>(random());
        for (std::size_t p = 0; p < image.samples8.size(); ++p)
            image.samples8[p] = static_cast<std::uint8_t>(base + (p / 3 % 640) / 3);
        // The image's number in 16x16 blocks of the top row, so no two files are alike.
        for (int k = 0; k < 4; ++k)
            for (int y = 0; y < 16; ++y)
                for (int x = 16 * k; x < 16 * (k + 1); ++x)
                    for (int c = 0; c < 3; ++c)
                        image.samples8[static_cast<std::size_t>((y * image.width + x) * 3 + c)] =
                            static_cast<std::uint8_t>((i >> (8 * k)) & 0xff);
        const auto file = folder / ("batch-" + std::to_string(i / 1000)) / ("img-" + std::to_string(i) + ".jpg");
        std::filesystem::create_directories(file.parent_path());
        cache::writeFileAtomically(file, cache::encodeJpeg(image, 85), false);
    }
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: pixmark_ui_ingest_bench WORK_DIR [IMAGES]\n");
        return 2;
    }
    const std::filesystem::path work = argv[1];
    const int images = argc > 2 ? std::atoi(argv[2]) : 10000;
    const auto folder = work / "images";
    if (!std::filesystem::exists(folder)) {
        QElapsedTimer generation;
        generation.start();
        generateImages(folder, images);
        std::printf("generated %d JPEG files of 640x480 in %.1f s\n", images, generation.elapsed() / 1000.0);
    }
    std::filesystem::remove(work / "ui.pixmark");
    std::filesystem::remove_all(work / "ui.cache");

    auto project = Project::create(work / "ui.pixmark", "UI bench", TaskType::ClassificationMultiClass);
    project->addClass({"a"});
    auto* window = new ProjectWindow(std::make_unique<ProjectSession>(std::move(project)));
    window->setInteractive(false);
    window->show();

    std::vector<double> gaps;
    QElapsedTimer sinceLastTurn;
    QTimer watchdog;
    watchdog.setInterval(5);
    QObject::connect(&watchdog, &QTimer::timeout, [&] {
        gaps.push_back(static_cast<double>(sinceLastTurn.nsecsElapsed()) / 1e6);
        sinceLastTurn.restart();
    });

    // A labeling-sized request (take the next page of 9 items) every 200 ms.
    std::vector<double> requestWaits;
    QTimer requests;
    requests.setInterval(200);
    QObject context;
    QObject::connect(&requests, &QTimer::timeout, [&] {
        auto started = std::make_shared<QElapsedTimer>();
        started->start();
        window->session().run(
            &context, [](Project& p) { return p.items(ItemStatus::Unlabeled, 9, 0).size(); },
            [&requestWaits, started](std::size_t) { requestWaits.push_back(started->nsecsElapsed() / 1e6); });
    });

    QElapsedTimer ingestTime;
    IngestJob* job = window->startIngestJob();
    QObject::connect(job, &IngestJob::finished, [&](const QString& summary, bool) {
        const double seconds = ingestTime.elapsed() / 1000.0;
        watchdog.stop();
        requests.stop();
        // The first sample measures from start-up, not a turn of the loop.
        if (!gaps.empty())
            gaps.erase(gaps.begin());
        const auto stalls = std::count_if(gaps.begin(), gaps.end(), [](double g) { return g > 100; });
        std::printf("ingest of %d images (register + thumbnails) with the project window open: %.1f s, "
                    "%.0f images/s\n  %s\n",
                    images, seconds, images / seconds, qPrintable(summary));
        std::printf("event loop: %zu turns of a 5 ms timer; gap p50 %.1f ms, p99 %.1f ms, max %.1f ms; "
                    "gaps over 100 ms: %ld\n",
                    gaps.size(), percentile(gaps, 0.5), percentile(gaps, 0.99),
                    gaps.empty() ? 0.0 : *std::max_element(gaps.begin(), gaps.end()), static_cast<long>(stalls));
        std::printf("next-page request during ingest (%zu requests): wait p50 %.1f ms, p95 %.1f ms, max %.1f ms\n",
                    requestWaits.size(), percentile(requestWaits, 0.5), percentile(requestWaits, 0.95),
                    requestWaits.empty() ? 0.0 : *std::max_element(requestWaits.begin(), requestWaits.end()));
        window->close();
        QApplication::quit();
    });
    ingest::SourceRequest request;
    request.kind = SourceKind::Folder;
    request.root = folder;
    QTimer::singleShot(500, [&] {
        sinceLastTurn.start();
        watchdog.start();
        requests.start();
        ingestTime.start();
        job->startAdd(request);
    });
    return QApplication::exec();
}
