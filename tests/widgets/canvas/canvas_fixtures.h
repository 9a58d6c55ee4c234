#pragma once
// Object detection projects with real PNG images for the box canvas tests, and the
// labeling window driven like a labeler drives it: mouse events on the canvas at the
// widget positions of image points, keys on the window.

#include "core/geometry/box.h"
#include "core/ingest/image_readers.h"
#include "core/project/project.h"
#include "tests/support/image_files.h"
#include "tests/support/temp_dir.h"
#include "widgets/canvas/annotation_document.h"
#include "widgets/canvas/box_canvas.h"
#include "widgets/labeling/box_labeling_page.h"
#include "widgets/labeling/labeling_window.h"
#include "widgets/session/project_session.h"

#include <QAction>
#include <QApplication>
#include <QTest>
#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace Catch {
template <> struct StringMaker<pixmark::Box> {
    static std::string convert(const pixmark::Box& box)
    {
        return "{" + std::to_string(box.x) + ", " + std::to_string(box.y) + ", " + std::to_string(box.w) + ", " +
               std::to_string(box.h) + "}";
    }
};
} // namespace Catch

namespace pixmark::test {

/// The box of the one annotation a labeler drew.
inline Box onlyBox(const std::vector<Annotation>& annotations)
{
    REQUIRE(annotations.size() == 1);
    CHECK(annotations.front().kind == AnnotationKind::Box);
    return parseBox(annotations.front().geometry);
}

/// A detection project "Street" with classes Car (1), Person (2), Bike (3) and count gray
/// PNG items of width x height. Closed on return.
inline std::filesystem::path makeStreetProject(const TempDir& dir, int count, int width = 640, int height = 480)
{
    const auto file = dir / "street.pixmark";
    auto project = Project::create(file, "Street", TaskType::ObjectDetection);
    project->addClass(NewClass{"Car", "#e67e22", "1", false, ""});
    project->addClass(NewClass{"Person", "#2980b9", "2", false, ""});
    project->addClass(NewClass{"Bike", "#27ae60", "3", false, ""});
    project->addItems(test::writePngItems(dir.path(), "street", count, width, height));
    return file;
}

/// A project of taskType "Shapes" with classes Car (1), Person (2), Bike (3) and count
/// PNG items of 640 x 480: dark gray (40) with a bright (220) rectangle covering x 200-299,
/// y 150-229 and a bright disc of radius 40 around (480, 300). Closed on return.
inline std::filesystem::path makeShapesProject(const TempDir& dir, TaskType taskType, int count)
{
    const auto file = dir / "shapes.pixmark";
    auto project = Project::create(file, "Shapes", taskType);
    project->addClass(NewClass{"Car", "#e67e22", "1", false, ""});
    project->addClass(NewClass{"Person", "#2980b9", "2", false, ""});
    project->addClass(NewClass{"Bike", "#27ae60", "3", false, ""});
    std::vector<Item> items = test::writePngItems(dir.path(), "shapes", count, 640, 480);
    for (const Item& item : items) {
        cv::Mat image(480, 640, CV_8UC3, cv::Scalar(40, 40, 40));
        cv::rectangle(image, cv::Rect(200, 150, 100, 80), cv::Scalar(220, 220, 220), cv::FILLED);
        cv::circle(image, cv::Point(480, 300), 40, cv::Scalar(60, 60, 220), cv::FILLED);
        cv::imwrite((dir.path() / item.relativePath).string(), image);
    }
    for (Item& item : items) {
        item.bytes = static_cast<std::int64_t>(std::filesystem::file_size(dir.path() / item.relativePath));
        item.channels = 3;
    }
    project->addItems(items);
    return file;
}

/// A project of taskType "Scans" with class Lesion (1) and one item: image, a file inside
/// dir (its header read by core's readers). Closed on return.
inline std::filesystem::path makeSingleImageProject(const TempDir& dir, TaskType taskType,
                                                    const std::filesystem::path& image)
{
    const ingest::ImageHeader header = ingest::probeImage(image);
    const auto file = dir / "scans.pixmark";
    auto project = Project::create(file, "Scans", taskType);
    project->addClass(NewClass{"Lesion", "#e74c3c", "1", false, ""});
    Item item;
    item.relativePath = std::filesystem::relative(image, dir.path()).generic_string();
    item.format = std::string(ingest::toId(header.format));
    item.bytes = static_cast<std::int64_t>(std::filesystem::file_size(image));
    item.width = header.width;
    item.height = header.height;
    item.channels = header.channels;
    project->addItems({item});
    return file;
}

/// A session and a shown, active labeling window on a detection project, labeler "Ann".
struct BoxRig {
    std::unique_ptr<ProjectSession> session;
    std::unique_ptr<LabelingWindow> window;

    explicit BoxRig(const std::filesystem::path& file)
    {
        session = std::make_unique<ProjectSession>(Project::open(file));
        window = std::make_unique<LabelingWindow>(*session);
        window->setInteractive(false);
        window->resize(1200, 800);
        window->show();
        activate();
        window->setLabelerName(QStringLiteral("Ann"));
    }
    ~BoxRig() { close(); }

    bool activate()
    {
        window->activateWindow();
        QApplication::setActiveWindow(window.get());
        return QTest::qWaitForWindowActive(window.get());
    }
    BoxLabelingPage* page() const { return window->boxPage(); }
    BoxCanvas* canvas() const { return page()->canvas(); }
    AnnotationDocument* document() const { return page()->document(); }
    /// Waits until an item is on the canvas with its image and nothing is pending.
    bool waitForItem()
    {
        return QTest::qWaitFor(
            [&] { return window->isReady() && page() && page()->itemShown() && window->pendingRequests() == 0; },
            10000);
    }
    bool waitIdle()
    {
        return QTest::qWaitFor([&] { return window->pendingRequests() == 0; }, 10000);
    }
    void key(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QTest::keyClick(window.get(), key, modifiers);
    }
    /// Widget position of an image point (rounded to the pixel a mouse can hit).
    QPoint at(double x, double y) const { return canvas()->mapFromImage(QPointF(x, y)).toPoint(); }
    void press(double x, double y) { QTest::mousePress(canvas(), Qt::LeftButton, {}, at(x, y)); }
    void moveTo(double x, double y) { QTest::mouseMove(canvas(), at(x, y)); }
    void release(double x, double y) { QTest::mouseRelease(canvas(), Qt::LeftButton, {}, at(x, y)); }
    /// A click (press and release in place), with modifiers.
    void click(double x, double y, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QTest::mouseClick(canvas(), Qt::LeftButton, modifiers, at(x, y));
    }
    /// Picks a tool through its action (as its key does).
    void tool(const char* id) { window->findChild<QAction*>(QString::fromLatin1(id))->trigger(); }
    /// A left drag from one image point to another, in a few steps.
    void drag(double x0, double y0, double x1, double y1)
    {
        press(x0, y0);
        for (int step = 1; step <= 4; ++step)
            moveTo(x0 + (x1 - x0) * step / 4, y0 + (y1 - y0) * step / 4);
        release(x1, y1);
    }
    /// Zooms to scale with image point (cx, cy) at the canvas's center.
    void zoom(double scale, double cx, double cy)
    {
        canvas()->setScale(scale);
        const QPointF center(canvas()->width() / 2.0, canvas()->height() / 2.0);
        canvas()->panBy(center - canvas()->mapFromImage(QPointF(cx, cy)));
    }
    /// The item's current label as core stores it.
    std::vector<Annotation> stored(ItemId item)
    {
        std::optional<std::vector<Annotation>> result;
        QObject context;
        session->run(
            &context, [item](Project& project) { return project.currentAnnotations(item); },
            [&](std::vector<Annotation> annotations) { result = std::move(annotations); });
        (void)QTest::qWaitFor([&] { return result.has_value(); }, 10000);
        return result.value_or(std::vector<Annotation>{});
    }
    ClassId classNamed(const std::string& name)
    {
        std::optional<ClassId> result;
        QObject context;
        session->run(
            &context, [name](Project& project) { return project.classNamed(name).id; },
            [&](ClassId id) { result = id; });
        (void)QTest::qWaitFor([&] { return result.has_value(); }, 10000);
        return result.value_or(0);
    }
    void close()
    {
        if (window) {
            window->close();
            window.reset();
        }
        if (session) {
            session->waitForIdle();
            session.reset();
        }
    }
};

} // namespace pixmark::test
