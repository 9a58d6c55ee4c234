// Data grid benchmark: scrolls the Data tab from top to bottom through a large project
// and reports how long the UI event loop ever went without running (a live refresh lands
// halfway), paint times, and the time of a filter change.
//   pixmark_data_grid_bench [ITEMS] [FILE]   (defaults 1000000 and a temporary file)
// FILE is reused when it already holds ITEMS items. No image files are needed: with no
// thumbnails the cells show placeholders, as they do before thumbnails are made.
// Runs offscreen unless QT_QPA_PLATFORM says otherwise.

#include "core/project/project.h"
#include "widgets/project/data/data_filter_bar.h"
#include "widgets/project/data/data_grid_model.h"
#include "widgets/project/data/data_tab.h"
#include "widgets/project/data/thumbnail_grid_view.h"
#include "widgets/session/project_session.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

using namespace pixmark;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

/// Registers count items in big batches; a third of them labeled (so cells have chips).
void createProject(const std::filesystem::path& file, long count)
{
    std::filesystem::remove(file);
    auto project = Project::create(file, "Grid bench", TaskType::ClassificationMultiClass);
    const auto classes = project->addClasses({{"car", "#cc3333"}, {"bus", "#3366cc"}, {"person", "#33aa55"}});
    std::mt19937_64 random(11);
    constexpr long kBatch = 50'000;
    const auto start = Clock::now();
    std::vector<Item> batch;
    std::vector<std::vector<ClassId>> tags;
    for (long i = 0; i < count; ++i) {
        Item item;
        item.relativePath = "camera-" + std::to_string(i % 97) + "/frame-" + std::to_string(i) + ".jpg";
        item.format = "jpeg";
        item.bytes = 180'000;
        item.width = 1920;
        item.height = 1080;
        item.shuffleKey = static_cast<std::int64_t>(random() >> 1);
        batch.push_back(std::move(item));
        tags.push_back(i % 3 == 0 ? std::vector<ClassId>{classes[static_cast<std::size_t>(i / 3 % 3)]}
                                  : std::vector<ClassId>{});
        if (static_cast<long>(batch.size()) == kBatch || i + 1 == count) {
            project->addItems(batch, tags, true);
            batch.clear();
            tags.clear();
        }
    }
    std::printf("create items=%ld seconds=%.1f\n", count, msSince(start) / 1000.0);
}

bool holds(const std::filesystem::path& file, long count)
{
    if (!std::filesystem::exists(file))
        return false;
    auto project = Project::open(file, Project::Access::ReadOnly);
    long total = 0;
    for (const auto& [status, n] : project->itemCounts())
        total += static_cast<long>(n);
    return total == count;
}

struct Stats {
    std::vector<double> values;
    void add(double value) { values.push_back(value); }
    double max() const { return values.empty() ? 0 : *std::max_element(values.begin(), values.end()); }
    double percentile(double p) const
    {
        if (values.empty())
            return 0;
        std::vector<double> sorted = values;
        std::sort(sorted.begin(), sorted.end());
        return sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(p * static_cast<double>(sorted.size())))];
    }
};

} // namespace

int main(int argc, char* argv[])
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // lines show up at once when piped to a file
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    const long count = argc > 1 ? std::stol(argv[1]) : 1'000'000;
    const std::filesystem::path file =
        argc > 2 ? std::filesystem::path(argv[2]) : std::filesystem::temp_directory_path() / "pixmark-grid-bench.pixmark";
    if (!holds(file, count))
        createProject(file, count);

    int qtArgc = 1;
    QApplication app(qtArgc, argv);
    auto session = ProjectSession::open(QString::fromStdString(file.string()));
    DataTab tab(*session);
    tab.setInteractive(false);
    tab.resize(1280, 900);
    tab.show();

    // The watchdog: a 5 ms timer; the longest gap between its ticks is the longest stall.
    QElapsedTimer sinceTick;
    Stats gaps;
    bool watching = false;
    QTimer watchdog;
    watchdog.setTimerType(Qt::PreciseTimer);
    watchdog.setInterval(5);
    QObject::connect(&watchdog, &QTimer::timeout, [&] {
        if (watching)
            gaps.add(static_cast<double>(sinceTick.nsecsElapsed()) / 1e6);
        sinceTick.restart();
    });

    const auto openStart = Clock::now();
    bool shown = false;
    QObject::connect(&tab, &DataTab::itemsShown, [&] { shown = true; });
    while (!shown)
        app.processEvents(QEventLoop::WaitForMoreEvents);
    std::printf("first_result items=%lld ms=%.1f\n", static_cast<long long>(tab.itemCount()), msSince(openStart));

    ThumbnailGridView* grid = tab.grid();
    QScrollBar* bar = grid->verticalScrollBar();
    watchdog.start();
    sinceTick.start();
    watching = true;

    constexpr int kSteps = 2000;
    const int maximum = bar->maximum();
    Stats paints;
    int step = 0;
    const auto scrollStart = Clock::now();
    QTimer driver;
    driver.setTimerType(Qt::PreciseTimer);
    driver.setInterval(8);
    QObject::connect(&driver, &QTimer::timeout, [&] {
        ++step;
        // Halfway, a live refresh (what a labeler's submit triggers) lands mid-scroll.
        if (step == kSteps / 2)
            tab.refresh();
        bar->setValue(static_cast<int>(static_cast<long long>(maximum) * step / kSteps));
        // repaint() paints now, so its duration is the frame's paint time.
        const auto paintStart = Clock::now();
        grid->viewport()->repaint();
        paints.add(msSince(paintStart));
        if (step == kSteps) {
            driver.stop();
            app.exit();
        }
    });
    driver.start();
    app.exec();
    const double scrollMs = msSince(scrollStart);
    const long long scrolledItems = tab.itemCount();

    // After the last step: how long until the cells on screen show their overviews.
    const auto settleStart = Clock::now();
    const auto [first, last] = grid->visibleRows();
    const DataGridModel& model = tab.model();
    while (!(model.overview(first) && model.overview(last - 1)) && msSince(settleStart) < 10'000)
        app.processEvents(QEventLoop::AllEvents, 5);
    const double settleMs = msSince(settleStart);

    // Select all and collect the ids, as a bulk action does.
    const auto selectStart = Clock::now();
    grid->selectAll();
    const std::size_t selected = tab.selectedIds().size();
    const double selectMs = msSince(selectStart);
    app.processEvents();

    // A filter change: the labeled third of the items.
    const auto filterStart = Clock::now();
    shown = false;
    tab.filterBar()->categoryBox()->setCurrentIndex(tab.filterBar()->categoryBox()->findText(QStringLiteral("Labeled")));
    while (!shown)
        app.processEvents(QEventLoop::WaitForMoreEvents);
    const double filterMs = msSince(filterStart);
    const long long filtered = tab.itemCount();
    app.processEvents();
    watching = false;

    std::printf("scroll items=%lld steps=%d range_px=%d seconds=%.1f visible_cells=%lld\n",
                scrolledItems, kSteps, maximum, scrollMs / 1000.0,
                static_cast<long long>(last - first));
    std::printf("event_loop_gap_ms max=%.1f p99=%.1f p50=%.1f ticks=%zu\n", gaps.max(), gaps.percentile(0.99),
                gaps.percentile(0.5), gaps.values.size());
    std::printf("paint_ms max=%.2f p99=%.2f p50=%.2f\n", paints.max(), paints.percentile(0.99),
                paints.percentile(0.5));
    std::printf("cells_filled_after_stop_ms=%.1f select_all_and_ids_ms=%.1f selected=%zu\n", settleMs, selectMs,
                selected);
    std::printf("filter_labeled_ms=%.1f items=%lld\n", filterMs, filtered);
    std::printf("stall_over_100ms=%s\n", gaps.max() > 100 ? "yes" : "no");
    return 0;
}
