// A scripted annotator who knows the truth labels Fashion-MNIST images in a real project,
// once with the queue alone and once with ML assist (prelabeled pages to review, pages of
// one cluster), and counts what labeling costs: keystrokes per item and modelled items
// per minute. The annotator works the labeling window's page model (core/labeling/
// tag_page.h, the same calls the window makes for its keys) with the default keys: a class
// key tags the selected tile (and moves on to the next), Left/Right move the selection a
// tile and Up/Down a row, Ctrl+A selects every tile, Enter submits the page. With assist,
// the unlabeled images are first grouped into pages of similar ones by their look (as the
// app does on opening a project without a model), then by the model after each training.
//   pixmark_assist_annotator_bench IMAGES.idx3 LABELS.idx1 WORKDIR [ITEMS] [FIRST] [EVERY] [EPOCHS]
// ITEMS images (default 5000) are labeled; with assist the first training runs at FIRST
// labels (default 1000) and again every EVERY new labels (default 2000; 0: once); EPOCHS caps
// each training (default 0: the engine's plan, ml/engine/training_plan.h).
#include "core/cache/training_cache.h"
#include "core/ingest/registrar.h"
#include "core/labeling/tag_page.h"
#include "core/project/project.h"
#include "ml/assist/assist_pipeline.h"
#include "tests/bench/fashion_mnist_idx.h"

#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

using namespace pixmark;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// The time model (a keystroke-level model; the figures are Card, Moran and Newell's): a
// keystroke of an average typist, the mental step of choosing a class before its key, and
// a glance at every tile to check its tag, which every page needs with or without assist.
constexpr double kKeystrokeSeconds = 0.28;
constexpr double kDecisionSeconds = 1.35;
constexpr double kGlanceSeconds = 0.5;
constexpr int kPageSize = 9;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Effort {
    std::int64_t items = 0;
    std::int64_t keystrokes = 0;
    std::int64_t classKeys = 0; ///< keystrokes that chose a class (each a decision)
    std::map<PageSource, std::int64_t> itemsBySource;
    std::map<PageSource, std::int64_t> keystrokesBySource;
    std::map<SubmissionOrigin, std::int64_t> byOrigin;
    std::int64_t rejected = 0; ///< prelabels whose class the annotator replaced (origin manual, with the prediction)

    double modelledSeconds() const
    {
        return kKeystrokeSeconds * double(keystrokes) + kDecisionSeconds * double(classKeys) +
               kGlanceSeconds * double(items);
    }
    double keystrokesPerItem() const { return items ? double(keystrokes) / double(items) : 0; }
    double itemsPerMinute() const { return items ? 60.0 * double(items) / modelledSeconds() : 0; }
    Effort& operator+=(const Effort& other)
    {
        items += other.items;
        keystrokes += other.keystrokes;
        classKeys += other.classKeys;
        for (const auto& [source, n] : other.itemsBySource)
            itemsBySource[source] += n;
        for (const auto& [source, n] : other.keystrokesBySource)
            keystrokesBySource[source] += n;
        rejected += other.rejected;
        for (const auto& [origin, n] : other.byOrigin)
            byOrigin[origin] += n;
        return *this;
    }
};

/// A page being worked: the page model and the keys pressed on it so far.
struct Attempt {
    TagPage page;
    int keystrokes = 0;
    int classKeys = 0;

    /// Arrow keys until only tile is selected, the fewer of Left/Right (one tile) and
    /// Up/Down (one row of the grid); from a wider selection the first key collapses it to
    /// whichever end of it is nearer.
    void selectOnly(int tile)
    {
        const int columns = page.columns();
        const auto gridDistance = [&](int a, int b) {
            return std::abs(a / columns - b / columns) + std::abs(a % columns - b % columns);
        };
        for (;;) {
            const auto selection = page.selection();
            if (selection.size() == 1 && selection.front() == tile)
                return;
            if (selection.size() != 1) {
                const bool nearFirst = gridDistance(selection.front(), tile) <= gridDistance(selection.back(), tile);
                page.moveSelectionRows(nearFirst ? -1 : +1);
            } else {
                const int from = selection.front();
                const int rowStep = tile / columns > from / columns ? +1 : -1;
                const bool rowMoveExists = from + rowStep * columns >= 0 && from + rowStep * columns < page.tileCount();
                if (from / columns != tile / columns && rowMoveExists &&
                    gridDistance(from, tile) <= std::abs(tile - from))
                    page.moveSelectionRows(rowStep);
                else
                    page.moveSelection(tile > from ? 1 : -1);
            }
            ++keystrokes;
        }
    }
    void typeClass(ClassId id)
    {
        page.applyClass(id);
        ++keystrokes;
        ++classKeys;
    }
    /// Every tile whose tag is not the truth gets its class key, walking left to right.
    void fixTiles(const std::vector<ClassId>& truth)
    {
        for (int tile = 0; tile < page.tileCount(); ++tile) {
            if (page.tags(tile) == std::vector<ClassId>{truth[static_cast<std::size_t>(tile)]})
                continue;
            selectOnly(tile);
            typeClass(truth[static_cast<std::size_t>(tile)]);
        }
    }
};

/// The cheaper of two ways through a page: tile by tile, or Ctrl+A and the class most
/// tiles have, then the others one by one.
Attempt workPage(const TagPage& page, const std::vector<ClassId>& truth)
{
    Attempt tileByTile{page};
    tileByTile.fixTiles(truth);

    std::map<ClassId, int> votes;
    for (ClassId id : truth)
        ++votes[id];
    const ClassId majority =
        std::max_element(votes.begin(), votes.end(), [](const auto& a, const auto& b) { return a.second < b.second; })
            ->first;
    Attempt wholePage{page};
    wholePage.page.selectAll();
    ++wholePage.keystrokes;
    wholePage.typeClass(majority);
    wholePage.fixTiles(truth);
    return wholePage.keystrokes < tileByTile.keystrokes ? wholePage : tileByTile;
}

struct Dataset {
    fs::path folder;
    std::map<std::string, int> truthByFile; ///< file name -> Fashion-MNIST class index
    std::vector<std::string> classNames;
};

Dataset writeImages(const bench::Idx& images, const bench::Idx& labels, const fs::path& folder, int count)
{
    Dataset data;
    data.folder = folder;
    data.classNames = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                       "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    fs::create_directories(folder);
    const int side = static_cast<int>(images.rows);
    for (int i = 0; i < count; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "fm-%05d.png", i);
        const cv::Mat image(side, side, CV_8UC1,
                            const_cast<std::uint8_t*>(images.bytes.data() + std::size_t(i) * side * side));
        if (!cv::imwrite((folder / name).string(), image))
            throw std::runtime_error("cannot write " + (folder / name).string());
        data.truthByFile[name] = labels.bytes[static_cast<std::size_t>(i)];
    }
    return data;
}

std::unique_ptr<Project> makeProject(const fs::path& file, const Dataset& data, std::vector<ClassId>& classIds)
{
    auto project = Project::create(file, "Fashion", TaskType::ClassificationMultiClass);
    classIds.clear();
    for (const std::string& name : data.classNames)
        classIds.push_back(project->addClass({name}));
    ingest::SourceRequest request;
    request.kind = SourceKind::Folder;
    request.root = data.folder;
    ingest::Registrar(*project).addSource(request);
    cache::setTrainingCacheSpec(*project, {28, 1});
    return project;
}

/// Labels one page handed out by the queue; returns what it cost.
Effort labelPage(Project& project, const Task& task, const Dataset& data, const std::vector<ClassId>& classIds,
                 std::int64_t& clockMs)
{
    std::vector<TagItem> items;
    std::vector<ClassId> truth;
    for (const Item& item : task.items) {
        TagItem tagItem{item.id, {}, std::nullopt};
        for (const Suggestion& suggestion : project.suggestions(item.id)) {
            tagItem.suggestedClasses.push_back(suggestion.annotation.classId);
            if (!tagItem.predictionId)
                tagItem.predictionId = suggestion.id;
        }
        items.push_back(std::move(tagItem));
        truth.push_back(classIds.at(
            static_cast<std::size_t>(data.truthByFile.at(fs::path(item.relativePath).filename().string()))));
    }
    TagPage page(TagPage::Mode::MultiClass, kPageSize);
    page.addItems(items, clockMs);
    Attempt done = workPage(page, truth);
    Effort effort;
    effort.items = static_cast<std::int64_t>(items.size());
    effort.keystrokes = done.keystrokes + 1; // Enter
    effort.classKeys = done.classKeys;
    effort.itemsBySource[task.source] = effort.items;
    effort.keystrokesBySource[task.source] = effort.keystrokes;
    clockMs += static_cast<std::int64_t>(1000 * effort.modelledSeconds());
    for (const SubmissionRequest& submission : done.page.takeSubmissions(project.currentLabeler(), clockMs)) {
        ++effort.byOrigin[submission.origin];
        if (submission.origin == SubmissionOrigin::Manual && submission.predictionId)
            ++effort.rejected;
        project.submit(submission);
    }
    return effort;
}

std::int64_t labeledCount(Project& project)
{
    return project.itemCounts()[ItemStatus::Labeled];
}

template <class Key>
long long countOf(const std::map<Key, std::int64_t>& counts, Key key)
{
    const auto at = counts.find(key);
    return at == counts.end() ? 0 : static_cast<long long>(at->second);
}

void printEffort(const char* name, const Effort& e)
{
    const auto perItem = [&](PageSource source) {
        const long long items = countOf(e.itemsBySource, source);
        return items ? double(countOf(e.keystrokesBySource, source)) / double(items) : 0.0;
    };
    std::printf("%-26s %6lld items  %.3f keystrokes/item  %.3f class keys/item  %.1f items/min (modelled)"
                "  pages: queue %lld (%.2f keys/item), prelabeled %lld (%.2f), clustered %lld (%.2f)\n",
                name, static_cast<long long>(e.items), e.keystrokesPerItem(),
                e.items ? double(e.classKeys) / double(e.items) : 0.0, e.itemsPerMinute(),
                countOf(e.itemsBySource, PageSource::Queue), perItem(PageSource::Queue),
                countOf(e.itemsBySource, PageSource::Prelabeled), perItem(PageSource::Prelabeled),
                countOf(e.itemsBySource, PageSource::Clustered), perItem(PageSource::Clustered));
}

int run(const fs::path& imagesPath, const fs::path& labelsPath, const fs::path& work, int count, int first,
        int every, int epochs)
{
    const auto images = bench::readIdx(imagesPath, 2051);
    const auto labels = bench::readIdx(labelsPath, 2049);
    count = std::min<int>(count, static_cast<int>(images.count));
    auto started = Clock::now();
    const Dataset data = writeImages(images, labels, work / "images", count);
    std::printf("%d Fashion-MNIST images written as PNG in %.1f s\n", count, secondsSince(started));

    // Without assist: the queue's pages, tile by tile or a whole page at once.
    Effort manual;
    {
        std::vector<ClassId> classIds;
        auto project = makeProject(work / "manual.pixmark", data, classIds);
        std::int64_t clockMs = 0;
        for (Task task; !(task = project->nextTask(project->currentLabeler(), kPageSize)).items.empty();)
            manual += labelPage(*project, task, data, classIds, clockMs);
        if (labeledCount(*project) != count)
            throw std::runtime_error("the manual run left items unlabeled");
    }

    // With assist: the same, with training at FIRST labels and every EVERY after.
    Effort beforeModel, withModel;
    double trainingSeconds = 0;
    int trainings = 0;
    {
        std::vector<ClassId> classIds;
        auto project = makeProject(work / "assisted.pixmark", data, classIds);
        std::int64_t clockMs = 0;
        std::int64_t nextTraining = first;
        assist::AssistOptions options;
        options.maxEpochs = epochs;
        {
            const auto groupingStarted = Clock::now();
            const auto grouped = assist::groupBySimilarity(*project, options);
            std::printf("before any model: %lld unlabeled items in %d pages of similar images (%.1f s)\n",
                        static_cast<long long>(grouped.predicted), grouped.clusters, secondsSince(groupingStarted));
        }
        for (;;) {
            const std::int64_t labeled = labeledCount(*project);
            if (labeled >= nextTraining && labeled < count) {
                const auto trainingStarted = Clock::now();
                const auto report = assist::runPipeline(*project, options);
                trainingSeconds += secondsSince(trainingStarted);
                ++trainings;
                // The prelabels against the truth: coverage and precision on what is unlabeled.
                std::int64_t suggested = 0, right = 0;
                for (const Item& item : project->items(ItemStatus::Unlabeled, count)) {
                    const auto suggestions = project->suggestions(item.id);
                    if (suggestions.empty())
                        continue;
                    ++suggested;
                    right += suggestions.front().annotation.classId ==
                             classIds.at(static_cast<std::size_t>(
                                 data.truthByFile.at(fs::path(item.relativePath).filename().string())));
                }
                std::printf("training %d at %lld labels: held-out accuracy %.3f, calibrated precision %.3f at "
                            "coverage %.3f; prelabels on the %lld unlabeled: coverage %.3f, precision %.3f against "
                            "the truth; %d clusters (%.0f s)\n",
                            trainings, static_cast<long long>(labeled), report.heldOutAccuracy, report.precision,
                            report.coverage, static_cast<long long>(report.predicted),
                            report.predicted ? double(suggested) / double(report.predicted) : 0.0,
                            suggested ? double(right) / double(suggested) : 0.0, report.clusters,
                            secondsSince(trainingStarted));
                nextTraining = every > 0 ? labeled + every : std::numeric_limits<std::int64_t>::max();
            }
            const Task task = project->nextTask(project->currentLabeler(), kPageSize);
            if (task.items.empty())
                break;
            (trainings == 0 ? beforeModel : withModel) += labelPage(*project, task, data, classIds, clockMs);
        }
        if (labeledCount(*project) != count)
            throw std::runtime_error("the assisted run left items unlabeled");
    }
    Effort assisted = beforeModel;
    assisted += withModel;

    std::printf("\nTime model: %.2f s a keystroke, %.2f s to choose a class, %.2f s to check a tile\n",
                kKeystrokeSeconds, kDecisionSeconds, kGlanceSeconds);
    printEffort("without assist", manual);
    printEffort("with assist, all", assisted);
    printEffort("  before the first model", beforeModel);
    printEffort("  with a model", withModel);
    const auto origin = [&](SubmissionOrigin o) { return countOf(withModel.byOrigin, o); };
    const long long rejected = static_cast<long long>(withModel.rejected);
    const long long reviewed =
        origin(SubmissionOrigin::PrelabelAccepted) + origin(SubmissionOrigin::PrelabelEdited) + rejected;
    std::printf("prelabels reviewed %lld: accepted unchanged %lld (%.1f %%), edited %lld, rejected %lld\n", reviewed,
                origin(SubmissionOrigin::PrelabelAccepted),
                reviewed ? 100.0 * double(origin(SubmissionOrigin::PrelabelAccepted)) / double(reviewed) : 0.0,
                origin(SubmissionOrigin::PrelabelEdited), rejected);
    std::printf("keystroke saving: %.2fx fewer per item overall, %.2fx once a model exists; items/min %.2fx; "
                "%d trainings, %.0f s of training (in the background in the app)\n",
                manual.keystrokesPerItem() / assisted.keystrokesPerItem(),
                manual.keystrokesPerItem() / withModel.keystrokesPerItem(),
                assisted.itemsPerMinute() / manual.itemsPerMinute(), trainings, trainingSeconds);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: %s IMAGES.idx3 LABELS.idx1 WORKDIR [ITEMS] [FIRST] [EVERY] [EPOCHS]\n", argv[0]);
        return 2;
    }
    try {
        const auto arg = [&](std::size_t k, int fallback) { return args.size() > k ? std::stoi(args[k]) : fallback; };
        return run(args[0], args[1], args[2], arg(3, 5000), arg(4, 1000), arg(5, 2000), arg(6, 0));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
