// Project store benchmarks.
//   pixmark_store_bench insert N FILE   create FILE and register N items; prints rows/s
//   pixmark_store_bench open FILE       open FILE as the GUI does; prints times and peak RSS
//   pixmark_store_bench workflow FILE   label a tenth of FILE's items, then time the queries
//                                       behind labeling, the Data tab and the dashboard
// Run in a fresh process per measurement so peak RSS belongs to that measurement alone.

#include "core/project/project.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <string>

using namespace pixmark;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

long peakResidentKiB()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::strtol(line.c_str() + 6, nullptr, 10);
    return -1;
}

int insert(long count, const std::string& file)
{
    auto project = Project::create(file, "Bench", TaskType::ObjectDetection);
    project->addClasses({{"car"}, {"bus"}, {"person"}});
    std::mt19937_64 random(7);
    constexpr long kBatch = 50'000; // what ingest commits at a time
    const auto start = Clock::now();
    std::vector<Item> batch;
    batch.reserve(kBatch);
    for (long i = 0; i < count; ++i) {
        Item item;
        item.relativePath = "camera-" + std::to_string(i % 97) + "/2026/frame-" + std::to_string(i) + ".jpg";
        item.format = "jpeg";
        item.bytes = 180'000 + static_cast<long>(random() % 50'000);
        item.mtime = 1'760'000'000 + i;
        item.width = 1920;
        item.height = 1080;
        item.shuffleKey = static_cast<std::int64_t>(random() >> 1);
        batch.push_back(std::move(item));
        if (static_cast<long>(batch.size()) == kBatch || i + 1 == count) {
            project->addItems(batch);
            batch.clear();
        }
    }
    const double seconds = secondsSince(start);
    std::printf("insert items=%ld seconds=%.3f rows_per_s=%.0f batch=%ld\n", count, seconds, count / seconds, kBatch);
    return 0;
}

int open(const std::string& file)
{
    const auto start = Clock::now();
    auto project = Project::open(file);
    const auto info = project->info();
    const auto classes = project->classes();
    const double openSeconds = secondsSince(start);
    const auto page = project->items(ItemStatus::Unlabeled, 100, 0); // the first queue page
    const double firstPageSeconds = secondsSince(start);
    const auto counts = project->itemCounts(); // what the summary panel shows
    const double summarySeconds = secondsSince(start);
    std::int64_t total = 0;
    for (const auto& entry : counts)
        total += entry.second;
    std::printf("open items=%lld classes=%zu open_s=%.4f open_first_page_s=%.4f open_with_counts_s=%.4f "
                "peak_rss_mib=%.1f first_page=%zu\n",
                static_cast<long long>(total), classes.size(), openSeconds, firstPageSeconds, summarySeconds,
                peakResidentKiB() / 1024.0, page.size());
    return info.name.empty() ? 1 : 0;
}

template <class F>
double timed(F&& f)
{
    const auto start = Clock::now();
    f();
    return secondsSince(start) * 1000.0;
}

int workflow(const std::string& file)
{
    auto project = Project::open(file);
    const auto classes = project->classes();
    const auto total = project->itemCounts()[ItemStatus::Unlabeled];
    std::vector<ImportedTag> tags;
    for (ItemId id = 1; id <= total; id += 10)
        tags.push_back(ImportedTag{id, classes[static_cast<std::size_t>(id % 3)].id});
    const double labelMs = timed([&] { project->importTags(tags, true); });
    const LabelerId labeler = project->ensureLabeler("bench");
    std::vector<Item> page;
    const double checkoutMs = timed([&] { page = project->nextTask(labeler, 9).items; });
    const double submitMs = timed([&] {
        for (const Item& item : page)
            project->submit(SubmissionRequest{item.id, labeler, 500, SubmissionOrigin::Manual, {}, false,
                                              {Annotation{classes[0].id, AnnotationKind::Tag, "", {}}}});
    });
    std::vector<ItemId> all;
    const double findAllMs = timed([&] { all = project->findItems({}); });
    std::size_t queued = 0;
    const double findQueuedMs = timed([&] { queued = project->findItems(ItemFilter{ItemCategory::Queued}).size(); });
    std::size_t ofClass = 0;
    const double findClassMs =
        timed([&] { ofClass = project->findItems(ItemFilter{{}, classes[1].id}).size(); });
    const std::vector<ItemId> visible(all.begin() + static_cast<std::ptrdiff_t>(all.size() / 2),
                                      all.begin() + static_cast<std::ptrdiff_t>(all.size() / 2 + 200));
    const double overviewMs = timed([&] { project->itemOverviews(visible); });
    DashboardStats stats;
    const double dashboardMs = timed([&] { stats = project->dashboard(3600 * 1000, 24); });
    std::printf("workflow items=%zu label_tenth_ms=%.0f checkout9_ms=%.2f submit9_ms=%.1f find_all_ms=%.0f "
                "find_queued_ms=%.0f (n=%zu) find_class_ms=%.0f (n=%zu) overviews200_ms=%.1f dashboard_ms=%.0f "
                "(labeled=%lld)\n",
                all.size(), labelMs, checkoutMs, submitMs, findAllMs, findQueuedMs, queued, findClassMs, ofClass,
                overviewMs, dashboardMs, static_cast<long long>(stats.progress[ItemCategory::Done]));
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    const std::string command = argc > 1 ? argv[1] : "";
    try {
        if (command == "insert" && argc == 4)
            return insert(std::stol(argv[2]), argv[3]);
        if (command == "open" && argc == 3)
            return open(argv[2]);
        if (command == "workflow" && argc == 3)
            return workflow(argv[2]);
    } catch (const std::exception& error) {
        std::cerr << "pixmark_store_bench: " << error.what() << '\n';
        return 1;
    }
    std::cerr << "usage: pixmark_store_bench insert N FILE | open FILE | workflow FILE\n";
    return 2;
}
