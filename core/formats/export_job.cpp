#include "core/formats/export_job.h"

#include "core/errors.h"
#include "core/formats/registry.h"
#include "core/project/project.h"
#include "core/util/clock.h"

#include <xxhash.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <unordered_map>

namespace pixmark::formats {

namespace {

void checkRatios(const SplitRatios& ratios)
{
    const double sum = ratios.train + ratios.val + ratios.test;
    if (ratios.train < 0 || ratios.val < 0 || ratios.test < 0 || !(std::fabs(sum - 1.0) < 1e-6))
        throw ValidationError("The split ratios must be non-negative and add up to 1 (train " +
                              std::to_string(ratios.train) + ", val " + std::to_string(ratios.val) + ", test " +
                              std::to_string(ratios.test) + ").");
}

// Assigns every item a split: items are grouped by their first class, ordered within a
// group by a seeded hash of their id, and each group is cut by the ratios (largest
// remainder), so every class is split in the same proportions and the same seed gives
// the same split.
std::unordered_map<ItemId, std::string> stratifiedSplit(const std::vector<std::pair<ItemId, ClassId>>& items,
                                                        const SplitRatios& ratios, std::uint64_t seed)
{
    std::map<ClassId, std::vector<std::pair<std::uint64_t, ItemId>>> groups;
    for (const auto& [item, classId] : items)
        groups[classId].emplace_back(XXH3_64bits_withSeed(&item, sizeof item, seed), item);
    std::unordered_map<ItemId, std::string> split;
    // Cumulative rounding across classes: each class is cut in proportion, and the totals
    // still match the ratios when classes are small.
    double trainSoFar = 0, valSoFar = 0;
    std::int64_t trainGiven = 0, valGiven = 0;
    for (auto& [classId, members] : groups) {
        std::sort(members.begin(), members.end());
        const double n = static_cast<double>(members.size());
        trainSoFar += n * ratios.train;
        valSoFar += n * ratios.val;
        const auto train = std::clamp<std::int64_t>(std::llround(trainSoFar) - trainGiven, 0,
                                                    static_cast<std::int64_t>(members.size()));
        const auto val = std::clamp<std::int64_t>(std::llround(valSoFar) - valGiven, 0,
                                                  static_cast<std::int64_t>(members.size()) - train);
        trainGiven += train;
        valGiven += val;
        for (std::size_t k = 0; k < members.size(); ++k) {
            const auto position = static_cast<std::int64_t>(k);
            split[members[k].second] = position < train ? "train" : position < train + val ? "val" : "test";
        }
    }
    return split;
}

std::string fileSafe(const std::string& name)
{
    std::string safe;
    for (unsigned char c : name)
        safe += (std::isalnum(c) || c == '-' || c == '_') ? static_cast<char>(c) : '_';
    return safe.empty() ? std::string("export") : safe;
}

} // namespace

std::string exportFolderName(const std::string& projectName, std::int64_t ms)
{
    std::string stamp = formatIsoUtc(ms); // 2026-11-25T17:42:00Z
    stamp.erase(std::remove_if(stamp.begin(), stamp.end(), [](char c) { return c == '-' || c == ':' || c == 'Z'; }),
                stamp.end());
    std::replace(stamp.begin(), stamp.end(), 'T', '_');
    return fileSafe(projectName) + "_" + stamp;
}

ExportResult exportProject(const std::filesystem::path& projectFile, const ExportOptions& options,
                           const ProgressCallback& progress, const CancelToken& cancel)
{
    const Format& format = formatById(options.format);
    if (options.split)
        checkRatios(*options.split);
    auto project = Project::open(projectFile, Project::Access::ReadOnly);
    const ProjectInfo info = project->info();
    if (!format.canExport(info.taskType))
        throw ValidationError("The " + std::string(format.id()) + " format does not hold " +
                              std::string(displayName(info.taskType)) + " labels; choose another format.");

    ExportResult result;
    const auto now = nowMs();
    result.folder = options.parentFolder / exportFolderName(info.name, now);
    for (int attempt = 2; std::filesystem::exists(result.folder); ++attempt)
        result.folder = options.parentFolder / (exportFolderName(info.name, now) + "_" + std::to_string(attempt));
    std::error_code error;
    std::filesystem::create_directories(result.folder, error);
    if (error)
        throw ProjectFileError("Cannot create the export folder " + result.folder.string() + ": " + error.message());
    // A cancelled or failed export leaves no half-written folder behind to be mistaken for one.
    struct RemoveUnlessKept {
        const std::filesystem::path& folder;
        bool keep = false;
        ~RemoveUnlessKept()
        {
            std::error_code ignored;
            if (!keep)
                std::filesystem::remove_all(folder, ignored);
        }
    } partial{result.folder};

    // One read transaction for both passes: the export is one moment of the project.
    const auto snapshot = project->beginSnapshot();
    std::unordered_map<ItemId, std::string> splits;
    std::int64_t total = 0;
    if (options.split) {
        std::vector<std::pair<ItemId, ClassId>> firstClass;
        project->forEachCurrentLabel(options.includeUnreviewed, [&](const Item& item, const std::vector<Annotation>& a) {
            firstClass.emplace_back(item.id, a.empty() ? 0 : a.front().classId);
        });
        splits = stratifiedSplit(firstClass, *options.split, options.seed);
        total = static_cast<std::int64_t>(firstClass.size());
    }

    ExportDataset dataset;
    dataset.taskType = info.taskType;
    dataset.name = info.name;
    for (const LabelClass& labelClass : project->classes())
        dataset.categories.push_back(Category{labelClass.id, labelClass.name});
    dataset.forEachImage = [&](const std::function<void(const ExportImage&)>& visit) {
        std::set<std::string> usedNames;
        project->forEachCurrentLabel(options.includeUnreviewed, [&](const Item& item, const std::vector<Annotation>& a) {
            if (cancel.isCancelled())
                throw CancelledError("The export was cancelled.");
            ExportImage image;
            image.id = item.id;
            image.source = project->absolutePath(item.relativePath);
            image.width = item.width;
            image.height = item.height;
            image.annotations = a;
            if (const auto found = splits.find(item.id); found != splits.end())
                image.split = found->second;
            if (options.copyImages) {
                std::string name = image.source.filename().string();
                if (!usedNames.insert(image.split + "/" + name).second)
                    name = std::to_string(item.id) + "_" + name;
                image.fileName = name;
                const auto target = result.folder / "images" / image.split / name;
                std::filesystem::create_directories(target.parent_path());
                std::filesystem::copy_file(image.source, target, std::filesystem::copy_options::overwrite_existing);
            } else {
                image.fileName = item.relativePath;
            }
            ++result.imagesBySplit[image.split];
            ++result.images;
            result.annotations += static_cast<std::int64_t>(a.size());
            if (progress && result.images % 1000 == 0)
                progress(result.images, total, "export");
            visit(image);
        });
    };
    try {
        format.write(dataset, result.folder);
    } catch (const std::filesystem::filesystem_error& failure) {
        throw ProjectFileError("The export could not be written: " + failure.code().message() + " (" +
                               failure.path1().string() + ").");
    }
    if (progress)
        progress(result.images, result.images, "verify");
    result.verification = format.verify(result.folder);

    nlohmann::json about{{"format", format.id()},
                         {"project", info.name},
                         {"project_uuid", info.uuid},
                         {"exported_at", formatIsoUtc(now)},
                         {"images", result.images},
                         {"annotations", result.annotations},
                         {"images_root", options.copyImages ? "images" : project->dataRoot().string()},
                         {"labels", options.includeUnreviewed ? "current, including unreviewed" : "final"},
                         {"verified", result.verification.ok()},
                         {"problems", result.verification.problems}};
    if (options.split)
        about["split"] = {{"train", options.split->train}, {"val", options.split->val}, {"test", options.split->test},
                          {"seed", options.seed}};
    std::ofstream aboutFile(result.folder / "export.json");
    aboutFile << about.dump(2) << '\n';
    aboutFile.close();
    if (!aboutFile)
        throw ProjectFileError("The export could not be written: " + (result.folder / "export.json").string() +
                               " could not be saved (is the disk full?).");
    partial.keep = true;
    return result;
}

} // namespace pixmark::formats
