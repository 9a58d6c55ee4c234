// Queue benchmark: serving the next task from a large queue (target under 1 ms).
//   pixmark_queue_bench FILE [ITEMS] [VOTES]
// Creates FILE with ITEMS items (default 1,000,000), then times Project::nextTask for pages
// of 1 and 9 items while a labeler works through the queue (each call is its own
// transaction, and the labeler submits the page before asking again):
//   fresh      nothing labeled, nothing held
//   busy       100,000 items labeled and 10,000 held in open tasks by 100 other labelers
//   consensus  the same, consensus on (3 labelers per item), and the labeler ahead of the
//              others by VOTES (default 20,000) items that wait for the other two votes
// Prints one line per measurement. FILE is left behind for inspection.

#include "core/project/project.h"
#include "core/project/workflow_settings.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

using namespace pixmark;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kWarmupCalls = 50;
constexpr int kTimedCalls = 2000;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// This thread's CPU time in ms: the wall time less waits, mostly the commit's fsync.
double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1000.0 + static_cast<double>(now.tv_nsec) / 1e6;
}

/// The value below which `share` of the sorted values lie (nearest rank).
double percentile(const std::vector<double>& sorted, double share)
{
    const auto rank = static_cast<std::size_t>(std::ceil(share * static_cast<double>(sorted.size())));
    return sorted[std::min(std::max<std::size_t>(rank, 1), sorted.size()) - 1];
}

struct Bench {
    std::unique_ptr<Project> project;
    ClassId tagClass = 0;
    long items = 0;
    long labeled = 0;
    long held = 0;
    long voted = 0;
    bool consensus = false;

    SubmissionId tag(ItemId item, LabelerId who)
    {
        return project->submit(SubmissionRequest{
            item, who, 500, SubmissionOrigin::Manual, {}, false, {Annotation{tagClass, AnnotationKind::Tag, "", {}}}});
    }
};

void create(Bench& bench, const std::string& file, long count)
{
    const auto start = Clock::now();
    bench.project = Project::create(file, "Queue bench", TaskType::ClassificationMultiClass);
    bench.tagClass = bench.project->addClasses({{"car"}, {"bus"}, {"person"}}).front();
    // Held tasks must not be returned as abandoned while the benchmark runs.
    bench.project->setQueueSettings(QueueSettings{7 * 24 * 60, bench.project->queueSettings().seed});
    constexpr long kBatch = 50'000;
    std::vector<Item> batch;
    batch.reserve(kBatch);
    for (long i = 0; i < count; ++i) {
        Item item;
        item.relativePath = "camera-" + std::to_string(i % 97) + "/frame-" + std::to_string(i) + ".jpg";
        item.format = "jpeg";
        item.bytes = 200'000;
        item.width = 1920;
        item.height = 1080;
        batch.push_back(std::move(item));
        if (static_cast<long>(batch.size()) == kBatch || i + 1 == count) {
            bench.project->addItems(batch);
            batch.clear();
        }
    }
    bench.items = count;
    std::printf("setup items=%ld seconds=%.1f\n", count, secondsSince(start));
}

/// Times nextTask for `who`: after each call the page is labeled (by `who`, and with
/// consensus also by two teammates, so that the items the labeler is ahead by stay as
/// many as before).
void measure(Bench& bench, const char* scenario, LabelerId who, int pageSize,
             const std::vector<LabelerId>& teammates = {})
{
    std::vector<double> ms;
    std::vector<double> cpuMs;
    ms.reserve(kTimedCalls);
    cpuMs.reserve(kTimedCalls);
    long served = 0;
    for (int call = 0; call < kWarmupCalls + kTimedCalls; ++call) {
        const double cpuStart = threadCpuMs();
        const auto start = Clock::now();
        const Task task = bench.project->nextTask(who, pageSize);
        const double elapsed = secondsSince(start) * 1000.0;
        const double cpu = threadCpuMs() - cpuStart;
        if (call >= kWarmupCalls) {
            ms.push_back(elapsed);
            cpuMs.push_back(cpu);
            served += static_cast<long>(task.items.size());
        }
        for (const Item& item : task.items) {
            bench.tag(item.id, who);
            for (LabelerId teammate : teammates)
                bench.tag(item.id, teammate);
        }
    }
    std::sort(ms.begin(), ms.end());
    std::sort(cpuMs.begin(), cpuMs.end());
    std::printf("next_task scenario=%s items=%ld labeled=%ld held=%ld consensus=%d voted_ahead=%ld page=%d calls=%d "
                "served=%ld p50_ms=%.3f p95_ms=%.3f max_ms=%.3f cpu_p50_ms=%.3f cpu_p95_ms=%.3f cpu_max_ms=%.3f\n",
                scenario, bench.items, bench.labeled, bench.held, bench.consensus ? 1 : 0, bench.voted, pageSize,
                kTimedCalls, served, percentile(ms, 0.5), percentile(ms, 0.95), ms.back(), percentile(cpuMs, 0.5),
                percentile(cpuMs, 0.95), cpuMs.back());
    std::fflush(stdout);
}

/// Labels the first `count` items of the queue (imported final labels, one transaction)
/// and lets 100 other labelers hold `heldCount` more in open tasks of up to 100 items.
void makeBusy(Bench& bench, long count, long heldCount)
{
    const auto start = Clock::now();
    std::vector<ImportedTag> tags;
    for (const Item& item : bench.project->items(ItemStatus::Unlabeled, count))
        tags.push_back(ImportedTag{item.id, bench.tagClass});
    bench.project->importTags(tags, true);
    bench.labeled += static_cast<long>(tags.size());
    long held = 0;
    for (int k = 0; held < heldCount; ++k) {
        const LabelerId other = bench.project->ensureLabeler("holder-" + std::to_string(k % 100));
        const auto task = bench.project->nextTask(other, static_cast<int>(std::min(100L, heldCount - held)));
        if (task.items.empty())
            break;
        held += static_cast<long>(task.items.size());
    }
    bench.held = held;
    std::printf("setup labeled=%zu held=%ld seconds=%.1f\n", tags.size(), held, secondsSince(start));
}

/// Turns consensus on (3 labelers per item) and lets `who` vote on `votes` items alone.
void voteAhead(Bench& bench, LabelerId who, long votes)
{
    const auto start = Clock::now();
    QualitySettings quality;
    quality.consensus = true;
    quality.labelersPerItem = 3;
    setQualitySettings(*bench.project, quality);
    bench.consensus = true;
    long voted = 0;
    while (voted < votes) {
        const auto task = bench.project->nextTask(who, static_cast<int>(std::min(100L, votes - voted)));
        if (task.items.empty())
            break;
        for (const Item& item : task.items)
            bench.tag(item.id, who);
        voted += static_cast<long>(task.items.size());
    }
    bench.voted = voted;
    std::printf("setup consensus=1 voted_ahead=%ld seconds=%.1f\n", voted, secondsSince(start));
}

int run(const std::string& file, long count, long votes)
{
    Bench bench;
    create(bench, file, count);
    const LabelerId labeler = bench.project->ensureLabeler("bench");
    for (int page : {1, 9})
        measure(bench, "fresh", labeler, page);

    makeBusy(bench, std::min(100'000L, count / 10), std::min(10'000L, count / 100));
    for (int page : {1, 9})
        measure(bench, "busy", labeler, page);

    const LabelerId ahead = bench.project->ensureLabeler("ahead");
    const std::vector<LabelerId> teammates{bench.project->ensureLabeler("second"),
                                           bench.project->ensureLabeler("third")};
    voteAhead(bench, ahead, votes);
    for (int page : {1, 9})
        measure(bench, "consensus", ahead, page, teammates);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2 || argc > 4) {
        std::cerr << "usage: pixmark_queue_bench FILE [ITEMS] [VOTES]\n";
        return 2;
    }
    try {
        return run(argv[1], argc > 2 ? std::stol(argv[2]) : 1'000'000L, argc > 3 ? std::stol(argv[3]) : 20'000L);
    } catch (const std::exception& error) {
        std::cerr << "pixmark_queue_bench: " << error.what() << '\n';
        return 1;
    }
}
