// How fast the labeling window turns a page: opens the real LabelingWindow on a project
// of generated JPEGs, tags each page with key presses like a labeler, and measures from
// the Enter key press to the next page painted (window->repaint() right after the key;
// when the next page's images were not decoded yet, until they are and it is painted).
// Between pages it waits like a labeler who takes a moment (until the held next page is
// decoded, at most 1 s) and counts how often that prefetch was not ready.
// Two runs: 1 tile of 12-megapixel JPEGs (4000x3000) and 9-tile pages of 1600x1200
// photos. Also the decode time of one image at the display size, for context.
// Prints figures; asserts nothing.
//   pixmark_labeling_bench WORK_DIR [TURNS=30]

#include "core/cache/jpeg_writer.h"
#include "core/ingest/image_readers.h"
#include "core/ingest/registrar.h"
#include "core/ingest/source_request.h"
#include "core/project/project.h"
#include "widgets/labeling/labeling_window.h"
#include "widgets/session/project_session.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <vector>

using namespace pixmark;

namespace {

/// count JPEGs of width x height under folder (kept when already there): a noisy
/// gradient (so the files are photo-sized, not trivially compressible) with the image's
/// number in 32x32 blocks of the top row and its own brightness, so no two are alike.
void generateImages(const std::filesystem::path& folder, int count, int width, int height)
{
    std::filesystem::create_directories(folder);
    ingest::DecodedImage base;
    base.width = width;
    base.height = height;
    base.channels = 3;
    base.samples8.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
    std::mt19937 random(11);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            for (int c = 0; c < 3; ++c) {
                const int gradient = (x * 255 / width + y * 255 / height * (c + 1)) / (c + 2);
                const int noise = static_cast<int>(random() % 48) - 24;
                base.samples8[(static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                               static_cast<std::size_t>(x)) * 3 + static_cast<std::size_t>(c)] =
                    static_cast<std::uint8_t>(std::clamp(gradient + noise, 0, 255));
            }
    for (int i = 0; i < count; ++i) {
        const auto file = folder / ("photo-" + std::to_string(i) + ".jpg");
        if (std::filesystem::exists(file))
            continue;
        ingest::DecodedImage image = base;
        const auto shift = static_cast<std::uint8_t>(i * 7);
        for (std::uint8_t& sample : image.samples8)
            sample = static_cast<std::uint8_t>(sample + shift);
        for (int k = 0; k < 4; ++k)
            for (int y = 0; y < 32; ++y)
                for (int x = 32 * k; x < 32 * (k + 1); ++x)
                    for (int c = 0; c < 3; ++c)
                        image.samples8[(static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                                        static_cast<std::size_t>(x)) * 3 + static_cast<std::size_t>(c)] =
                            static_cast<std::uint8_t>((i >> (8 * k)) & 0xff);
        cache::writeFileAtomically(file, cache::encodeJpeg(image, 90), false);
    }
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

double maximum(const std::vector<double>& values)
{
    return values.empty() ? 0.0 : *std::max_element(values.begin(), values.end());
}

std::string loadAverage()
{
    std::ifstream in("/proc/loadavg");
    std::string one, five, fifteen;
    if (!(in >> one >> five >> fifteen))
        return "unknown";
    return one + " " + five + " " + fifteen;
}

double msSince(const QElapsedTimer& timer)
{
    return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

/// A project of the folder's images with classes Cat (1), Dog (2), Bird (3).
std::filesystem::path makeProject(const std::filesystem::path& work, const std::string& name,
                                  const std::filesystem::path& folder)
{
    const auto file = work / (name + ".pixmark");
    std::filesystem::remove(file);
    std::filesystem::remove(work / (name + ".pixmark-wal"));
    std::filesystem::remove(work / (name + ".pixmark-shm"));
    auto project = Project::create(file, name, TaskType::ClassificationMultiClass);
    project->addClass(NewClass{"Cat", "#e67e22", "1", false, ""});
    project->addClass(NewClass{"Dog", "#2980b9", "2", false, ""});
    project->addClass(NewClass{"Bird", "#27ae60", "3", false, ""});
    ingest::SourceRequest request;
    request.kind = SourceKind::Folder;
    request.root = folder;
    const auto report = ingest::Registrar(*project).addSource(request);
    (void)report;
    return file;
}

/// Labels turns pages of tiles tiles in the real window and prints the page-turn times.
void measurePageTurns(const std::filesystem::path& file, int tiles, Qt::Key layoutKey, int turns,
                      const char* what)
{
    ProjectSession session(Project::open(file));
    auto window = std::make_unique<LabelingWindow>(session);
    window->setInteractive(false);
    window->show();
    window->activateWindow();
    QApplication::setActiveWindow(window.get());
    if (!QTest::qWaitForWindowActive(window.get()))
        std::printf("  the window did not become active; its keys may not work\n");
    window->setLabelerName(QStringLiteral("bench"));
    if (!QTest::qWaitFor([&] { return window->isReady(); }, 10000)) {
        std::printf("%s: the labeling window did not get ready\n", what);
        return;
    }
    QTest::keyClick(window.get(), layoutKey, Qt::ControlModifier);

    const auto pageShown = [&] {
        return window->isReady() && window->page().tileCount() == tiles && window->pageImagesReady();
    };
    std::vector<double> turnMs;    // Enter to the next page painted with its images
    std::vector<double> submitMs;  // Enter handled (submit, next page's tiles set and scaled)
    std::vector<double> paintMs;   // the repaint right after
    int notPrefetched = 0;         // next page's images not decoded after the labeler's moment
    int waitedForPixels = 0;       // pages painted without their images, then waited for
    std::vector<double> thinkMs;   // how long the labeler's moment took (prefetch ready or 1 s)
    if (!QTest::qWaitFor(pageShown, 20000)) {
        std::printf("%s: the first page of %d tiles did not show (%s)\n", what, tiles,
                    qPrintable(window->lastMessage()));
        return;
    }
    // Start from the steady state: what was checked out before the layout switch (4-tile
    // default: 8 items) decoded, so the first turns do not wait for a start-up backlog.
    if (!QTest::qWaitFor([&] { return window->pendingRequests() == 0 && window->heldImagesReady(); }, 20000))
        std::printf("  the held items were not decoded 20 s after the start\n");
    for (int turn = 0; turn < turns; ++turn) {
        // The labeler looks at the page for a moment: until the next page is held and
        // decoded, at most 1 s.
        QElapsedTimer think;
        think.start();
        const bool prefetched = QTest::qWaitFor(
            [&] { return window->page().heldCount() >= 2 * tiles && window->heldImagesReady(); }, 1000);
        thinkMs.push_back(msSince(think));
        if (!prefetched)
            ++notPrefetched;
        if (window->page().heldCount() < 2 * tiles) {
            std::printf("  stopped after %d turns: only %d items held\n", turn, window->page().heldCount());
            break;
        }
        QTest::keyClick(window.get(), Qt::Key_A, Qt::ControlModifier);
        const Qt::Key classKeys[] = {Qt::Key_1, Qt::Key_2, Qt::Key_3};
        QTest::keyClick(window.get(), classKeys[turn % 3]);
        const ItemId before = window->page().tile(0).id;

        QElapsedTimer timer;
        timer.start();
        QTest::keyClick(window.get(), Qt::Key_Return);
        const double submitted = msSince(timer);
        window->repaint();
        const double painted = msSince(timer);
        if (window->page().tileCount() == 0 || window->page().tile(0).id == before) {
            std::printf("  turn %d: the page did not change (%s)\n", turn, qPrintable(window->lastMessage()));
            break;
        }
        if (!pageShown()) {
            ++waitedForPixels;
            if (!QTest::qWaitFor(pageShown, 20000)) {
                std::printf("  turn %d: the next page's images did not arrive\n", turn);
                break;
            }
            window->repaint();
        }
        turnMs.push_back(msSince(timer));
        submitMs.push_back(submitted);
        paintMs.push_back(painted - submitted);
    }
    std::printf("%s: %zu page turns, Enter to next page painted: p50 %.1f ms, p95 %.1f ms, max %.1f ms\n", what,
                turnMs.size(), percentile(turnMs, 0.5), percentile(turnMs, 0.95), maximum(turnMs));
    std::printf("  of which Enter handled (submit + tiles set and scaled): p50 %.1f ms, p95 %.1f ms, max %.1f ms; "
                "repaint: p50 %.1f ms, p95 %.1f ms, max %.1f ms\n",
                percentile(submitMs, 0.5), percentile(submitMs, 0.95), maximum(submitMs), percentile(paintMs, 0.5),
                percentile(paintMs, 0.95), maximum(paintMs));
    std::printf("  prefetch of the next page not ready after the labeler's moment (1 s): %d of %zu turns; "
                "pages painted before their images were decoded: %d; labeler's moment p50 %.0f ms, max %.0f ms\n",
                notPrefetched, thinkMs.size(), waitedForPixels, percentile(thinkMs, 0.5), maximum(thinkMs));
    window->close();
    window.reset();
    session.waitForIdle();
}

/// Decodes file at the labeling window's display size (longest side 1024) a few times.
void measureDecode(const std::filesystem::path& file, const char* what)
{
    std::vector<double> times;
    ingest::DecodedImage image;
    for (int run = 0; run < 5; ++run) {
        QElapsedTimer timer;
        timer.start();
        ingest::DecodeOptions options;
        options.depth = ingest::DecodeOptions::Depth::Display8;
        options.maxSide = 1024;
        image = ingest::decodeImage(file, options);
        times.push_back(msSince(timer));
    }
    QElapsedTimer full;
    full.start();
    const auto fullImage = ingest::decodeImage(file);
    const double fullMs = msSince(full);
    std::printf("decode of one %s (%lld bytes) at the display size (%dx%d): p50 %.1f ms over 5 runs; "
                "full size (%dx%d): %.1f ms\n",
                what, static_cast<long long>(std::filesystem::file_size(file)), image.width, image.height,
                percentile(times, 0.5), fullImage.width, fullImage.height, fullMs);
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: pixmark_labeling_bench WORK_DIR [TURNS]\n");
        return 2;
    }
    const std::filesystem::path work = argv[1];
    const int turns = argc > 2 ? std::max(1, std::atoi(argv[2])) : 30;
    std::filesystem::create_directories(work);
    // The window remembers its layout and labeler in QSettings: keep them out of the
    // user's settings, and start from the defaults each run (4 tiles before the switch).
    std::filesystem::remove_all(work / "settings");
    const QString settings = QString::fromStdString((work / "settings").string());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings);
    std::printf("load average at start: %s\n", loadAverage().c_str());

    // Enough items for the page on screen, turns turns and a held next page at the last.
    const int large = turns + 10;
    const int small = 9 * (turns + 3);
    QElapsedTimer generation;
    generation.start();
    generateImages(work / "large", large, 4000, 3000);
    generateImages(work / "small", small, 1600, 1200);
    std::printf("generated %d JPEGs of 4000x3000 and %d of 1600x1200 (or found them) in %.1f s\n", large, small,
                generation.elapsed() / 1000.0);

    measureDecode(work / "large" / "photo-0.jpg", "12 MP JPEG");
    measureDecode(work / "small" / "photo-0.jpg", "1600x1200 JPEG");

    const auto largeProject = makeProject(work, "labeling-12mp", work / "large");
    measurePageTurns(largeProject, 1, Qt::Key_1, turns, "1 tile, 12 MP JPEG");
    const auto smallProject = makeProject(work, "labeling-grid", work / "small");
    measurePageTurns(smallProject, 9, Qt::Key_4, turns, "9 tiles, 1600x1200 JPEGs");
    std::printf("load average at end: %s\n", loadAverage().c_str());
    return 0;
}
