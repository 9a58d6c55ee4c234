// The drawing canvas (issue 5): frame times while panning and zooming an image with 10,000
// boxes; opening a 20,000 x 20,000 TIFF (decode, pyramid, first frame, then pan and zoom on
// it); and the next item's display latency after Submit in the real labeling window of a
// detection project of 12-megapixel JPEGs (from the Enter key press to the next item painted).
// Offscreen by default. Prints figures; asserts nothing.
//   pixmark_canvas_bench frames
//   pixmark_canvas_bench tiff WORK_DIR
//   pixmark_canvas_bench next WORK_DIR [TURNS=40]

#include "core/cache/jpeg_writer.h"
#include "core/ingest/image_readers.h"
#include "core/ingest/registrar.h"
#include "core/ingest/source_request.h"
#include "core/project/project.h"
#include "widgets/canvas/annotation_document.h"
#include "widgets/canvas/box_canvas.h"
#include "widgets/canvas/image_pyramid.h"
#include "widgets/labeling/box_labeling_page.h"
#include "widgets/labeling/labeling_window.h"
#include "widgets/session/project_session.h"

#include <opencv2/imgcodecs.hpp>

#include <QApplication>
#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

using namespace pixmark;

namespace {

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

double msSince(const QElapsedTimer& timer)
{
    return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

std::string loadAverage()
{
    std::ifstream in("/proc/loadavg");
    std::string one, five, fifteen;
    if (!(in >> one >> five >> fifteen))
        return "unknown";
    return one + " " + five + " " + fifteen;
}

void report(const char* what, const std::vector<double>& frames)
{
    std::printf("%-44s frames=%zu p50=%.2f ms p95=%.2f ms max=%.2f ms\n", what, frames.size(), percentile(frames, 0.5),
                percentile(frames, 0.95), frames.empty() ? 0.0 : *std::max_element(frames.begin(), frames.end()));
}

/// A noisy RGB gradient, photo-like.
ingest::DecodedImage photo(int width, int height, int seed)
{
    ingest::DecodedImage image;
    image.width = width;
    image.height = height;
    image.channels = 3;
    image.samples8.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
    std::mt19937 random(static_cast<unsigned>(seed));
    std::size_t at = 0;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            for (int c = 0; c < 3; ++c) {
                const int gradient = (x * 255 / width + y * 255 / height * (c + 1)) / (c + 2) + seed * 7;
                image.samples8[at++] = static_cast<std::uint8_t>(std::clamp(gradient % 256 + static_cast<int>(random() % 32) - 16, 0, 255));
            }
    return image;
}

/// Time of repaint() (a full synchronous paint) after each step of a gesture.
template <class Step>
std::vector<double> paintSteps(BoxCanvas& canvas, int steps, Step step)
{
    std::vector<double> frames;
    for (int i = 0; i < steps; ++i) {
        step(i);
        QElapsedTimer timer;
        timer.start();
        canvas.repaint();
        frames.push_back(msSince(timer));
    }
    return frames;
}

/// Zooms in and out at points across the image and pans around at several zooms.
void panAndZoom(BoxCanvas& canvas, const char* label)
{
    canvas.fitToWindow();
    canvas.repaint(); // tiles of the fitted view
    QTest::qWait(300); // the zoom rests: smooth tiles
    const QPointF center(canvas.width() / 2.0, canvas.height() / 2.0);
    std::vector<double> all;
    const auto add = [&](const char* what, const std::vector<double>& frames) {
        report((std::string(label) + " " + what).c_str(), frames);
        all.insert(all.end(), frames.begin(), frames.end());
    };
    // The image alone, for scale: what the shapes add is the rest.
    canvas.setShapesHidden(true);
    report((std::string(label) + " fit, image only (shapes hidden)").c_str(), paintSteps(canvas, 20, [](int) {}));
    canvas.setShapesHidden(false);
    add("fit, repaint", paintSteps(canvas, 30, [](int) {}));
    add("zoom in at the cursor", paintSteps(canvas, 24, [&](int i) {
            canvas.zoomAt(QPointF(center.x() + (i % 5) * 40 - 80, center.y() + (i % 3) * 40 - 40), 1.25);
        }));
    add("pan zoomed in", paintSteps(canvas, 60, [&](int i) { canvas.panBy(QPointF(i < 30 ? -37 : 37, i % 2 ? 23 : -19)); }));
    add("zoom out at the cursor", paintSteps(canvas, 24, [&](int i) {
            canvas.zoomAt(QPointF(center.x() - (i % 5) * 40 + 80, center.y() - (i % 3) * 40 + 40), 0.8);
        }));
    canvas.fitToWindow();
    canvas.repaint();
    QTest::qWait(300);
    add("pan at fit", paintSteps(canvas, 60, [&](int i) { canvas.panBy(QPointF(i < 30 ? -25 : 25, i % 2 ? 11 : -11)); }));
    report((std::string(label) + " ALL").c_str(), all);
}

int framesBench()
{
    const int width = 4000;
    const int height = 3000;
    ingest::DecodedImage decoded = photo(width, height, 1);
    QElapsedTimer timer;
    timer.start();
    auto pyramid = ImagePyramid::build(std::move(decoded), ingest::ImageHeader{});
    std::printf("pyramid of a %dx%d RGB image: %.0f ms, %d levels\n", width, height, msSince(timer), pyramid->levelCount());

    std::vector<Shape> shapes;
    std::mt19937 random(5);
    for (int i = 0; i < 10000; ++i) {
        Shape shape;
        shape.classId = 1 + static_cast<ClassId>(random() % 5);
        const double w = 10 + random() % 120;
        const double h = 10 + random() % 120;
        shape.box = Box{static_cast<double>(random() % static_cast<unsigned>(width - 130)),
                        static_cast<double>(random() % static_cast<unsigned>(height - 130)), w, h};
        shapes.push_back(shape);
    }
    AnnotationDocument document(width, height, shapes);
    BoxCanvas canvas;
    canvas.resize(1600, 1000);
    std::map<ClassId, ClassStyle> classes;
    const char* colors[] = {"#e67e22", "#2980b9", "#27ae60", "#8e44ad", "#c0392b"};
    for (ClassId id = 1; id <= 5; ++id)
        classes[id] = ClassStyle{QStringLiteral("class %1").arg(id), QColor(QString::fromLatin1(colors[id - 1]))};
    canvas.setClasses(classes);
    canvas.setDocument(&document);
    canvas.setImage(pyramid);
    canvas.show();
    if (!QTest::qWaitForWindowExposed(&canvas))
        std::printf("  the canvas was not exposed\n");
    document.select(document.shapes()[42].id);
    std::printf("# canvas 1600x1000, %zu boxes, load %s\n", document.shapes().size(), loadAverage().c_str());
    panAndZoom(canvas, "10,000 boxes:");
    return 0;
}

int tiffBench(const std::filesystem::path& work)
{
    std::filesystem::create_directories(work);
    const auto file = work / "big-20000.tif";
    const int side = 20000;
    if (!std::filesystem::exists(file)) {
        QElapsedTimer timer;
        timer.start();
        cv::Mat image(side, side, CV_8UC3);
        for (int y = 0; y < side; ++y) {
            auto* row = image.ptr<std::uint8_t>(y);
            for (int x = 0; x < side; ++x) {
                row[3 * x] = static_cast<std::uint8_t>(x / 80);
                row[3 * x + 1] = static_cast<std::uint8_t>(y / 80);
                row[3 * x + 2] = static_cast<std::uint8_t>(((x / 500 + y / 500) % 2) * 200);
            }
        }
        cv::imwrite(file.string(), image);
        std::printf("generated %s (%.0f MB) in %.1f s\n", file.string().c_str(),
                    static_cast<double>(std::filesystem::file_size(file)) / 1e6, msSince(timer) / 1000);
    }
    {
        std::ifstream in(file, std::ios::binary); // warm the page cache, as a second open would
        std::vector<char> buffer(1 << 20);
        while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())))
            ;
    }
    QElapsedTimer total;
    total.start();
    QElapsedTimer step;
    step.start();
    const ingest::ImageHeader header = ingest::probeImage(file);
    ingest::DecodeOptions options;
    options.depth = ingest::DecodeOptions::Depth::Full;
    ingest::DecodedImage decoded = ingest::decodeImage(file, options);
    const double decodeMs = msSince(step);
    step.restart();
    auto pyramid = ImagePyramid::build(std::move(decoded), header);
    const double pyramidMs = msSince(step);
    step.restart();
    AnnotationDocument document(side, side);
    BoxCanvas canvas;
    canvas.resize(1600, 1000);
    canvas.setDocument(&document);
    canvas.setImage(pyramid);
    canvas.show();
    if (!QTest::qWaitForWindowExposed(&canvas))
        std::printf("  the canvas was not exposed\n");
    canvas.repaint();
    const double firstFrameMs = msSince(step);
    std::printf("20000x20000 RGB TIFF: decode %.0f ms, pyramid %.0f ms (%d levels), first frame %.0f ms, total %.0f ms; load %s\n",
                decodeMs, pyramidMs, pyramid->levelCount(), firstFrameMs, msSince(total), loadAverage().c_str());
    panAndZoom(canvas, "20000x20000 TIFF:");
    canvas.zoomTo100();
    report("20000x20000 TIFF: pan at 100 %",
           paintSteps(canvas, 60, [&](int i) { canvas.panBy(QPointF(i < 30 ? -61 : 61, i % 2 ? 29 : -29)); }));
    return 0;
}

/// count 12-megapixel JPEGs under folder (kept when already there), each one different.
void generateJpegs(const std::filesystem::path& folder, int count)
{
    std::filesystem::create_directories(folder);
    ingest::DecodedImage base = photo(4000, 3000, 3);
    for (int i = 0; i < count; ++i) {
        const auto file = folder / ("photo-" + std::to_string(i) + ".jpg");
        if (std::filesystem::exists(file))
            continue;
        ingest::DecodedImage image = base;
        const auto shift = static_cast<std::uint8_t>(i * 7);
        for (std::uint8_t& sample : image.samples8)
            sample = static_cast<std::uint8_t>(sample + shift);
        cache::writeFileAtomically(file, cache::encodeJpeg(image, 90), false);
    }
}

int nextBench(const std::filesystem::path& work, int turns)
{
    const auto folder = work / "jpegs";
    generateJpegs(folder, turns + 3);
    const auto file = work / "detection.pixmark";
    std::filesystem::remove(file);
    std::filesystem::remove(work / "detection.pixmark-wal");
    std::filesystem::remove(work / "detection.pixmark-shm");
    {
        auto project = Project::create(file, "Detection bench", TaskType::ObjectDetection);
        project->addClass(NewClass{"Car", "#e67e22", "1", false, ""});
        ingest::SourceRequest request;
        request.kind = SourceKind::Folder;
        request.root = folder;
        ingest::Registrar(*project).addSource(request);
    }
    ProjectSession session(Project::open(file));
    LabelingWindow window(session);
    window.setInteractive(false);
    window.resize(1400, 900);
    window.show();
    window.activateWindow();
    QApplication::setActiveWindow(&window);
    if (!QTest::qWaitForWindowActive(&window))
        std::printf("  the window did not become active; its keys may not work\n");
    window.setLabelerName(QStringLiteral("bench"));
    const auto shown = [&] { return window.boxPage() && window.boxPage()->itemShown(); };
    if (!QTest::qWaitFor(shown, 20000)) {
        std::printf("the first item did not show\n");
        return 1;
    }
    std::vector<double> latencies;
    int notPrefetched = 0;
    double decodeWaitMax = 0;
    for (int turn = 0; turn < turns; ++turn) {
        BoxLabelingPage& page = *window.boxPage();
        // A labeler takes a moment per image: wait until the next one is decoded (at most 2 s).
        QElapsedTimer wait;
        wait.start();
        if (!QTest::qWaitFor([&] { return page.heldImagesReady(); }, 2000))
            ++notPrefetched;
        decodeWaitMax = std::max(decodeWaitMax, msSince(wait));
        // Draw one box, then Enter.
        BoxCanvas& canvas = *page.canvas();
        const QPoint from = canvas.mapFromImage(QPointF(1000, 800)).toPoint();
        const QPoint to = canvas.mapFromImage(QPointF(2000, 1600)).toPoint();
        QTest::mousePress(&canvas, Qt::LeftButton, {}, from);
        QTest::mouseMove(&canvas, to);
        QTest::mouseRelease(&canvas, Qt::LeftButton, {}, to);
        const ItemId before = page.currentItem();
        QElapsedTimer timer;
        timer.start();
        QTest::keyClick(&window, Qt::Key_Return);
        if (!shown() || page.currentItem() == before)
            (void)QTest::qWaitFor([&] { return shown() && page.currentItem() != before; }, 10000);
        window.repaint();
        latencies.push_back(msSince(timer));
        (void)QTest::qWaitFor([&] { return window.pendingRequests() == 0; }, 10000);
        if (window.isFinished())
            break;
    }
    std::printf("next item after Submit, 12-MP JPEG (4000x3000), %zu turns: p50=%.1f ms p95=%.1f ms max=%.1f ms; "
                "next not decoded within 2 s: %d; longest wait for the prefetch %.0f ms; load %s\n",
                latencies.size(), percentile(latencies, 0.5), percentile(latencies, 0.95),
                latencies.empty() ? 0.0 : *std::max_element(latencies.begin(), latencies.end()), notPrefetched,
                decodeWaitMax, loadAverage().c_str());
    window.close();
    session.waitForIdle();
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "frames")
        return framesBench();
    if (mode == "tiff" && argc > 2)
        return tiffBench(argv[2]);
    if (mode == "next" && argc > 2)
        return nextBench(argv[2], argc > 3 ? std::stoi(argv[3]) : 40);
    std::fprintf(stderr, "usage: pixmark_canvas_bench frames | tiff WORK_DIR | next WORK_DIR [TURNS]\n");
    return 2;
}
