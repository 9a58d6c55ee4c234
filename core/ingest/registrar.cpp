#include "core/ingest/registrar.h"

#include "core/errors.h"
#include "core/ingest/content_hash.h"
#include "core/ingest/image_readers.h"
#include "core/project/naming_rules.h"
#include "core/project/project.h"
#include "core/util/clock.h"
#include "core/util/parallel_for.h"

#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace pixmark::ingest {

namespace {

// What a worker thread learns about one file.
struct Probe {
    std::int64_t bytes = 0;
    std::int64_t mtimeMs = 0;
    std::optional<ImageHeader> header;
    std::string reason; ///< why it is unreadable; empty when header is set
    std::string hash;
    bool ignore = false;      ///< an extensionless file that is not an image
    bool vanished = false;    ///< gone between listing and probing
};

Probe probeFile(const SourceFile& file, const ReaderLimits& limits)
{
    Probe probe;
    struct stat info {};
    if (::stat(file.path.c_str(), &info) != 0) {
        probe.vanished = true;
        return probe;
    }
    probe.bytes = info.st_size;
    probe.mtimeMs = std::int64_t{info.st_mtim.tv_sec} * 1000 + info.st_mtim.tv_nsec / 1'000'000;
    try {
        probe.header = probeImage(file.path, limits);
        probe.hash = contentHash(file.path);
    } catch (const ImageError& error) {
        probe.header.reset();
        probe.reason = error.reason();
        const bool notAnImage = detectFormat(FileSignature::read(file.path)) == ImageFormat::Unknown &&
                                error.reason().rfind("not an image", 0) == 0;
        probe.ignore = !file.named && notAnImage;
    } catch (const std::exception& error) {
        probe.header.reset();
        probe.reason = std::string("unexpected error: ") + error.what();
    }
    return probe;
}

// Probes every file of a chunk on `threads` threads; results keep the chunk's order.
std::vector<Probe> probeAll(const std::vector<SourceFile>& files, std::size_t begin, std::size_t end, int threads,
                            const ReaderLimits& limits, const CancelToken& cancel)
{
    std::vector<Probe> probes(end - begin);
    parallelFor(begin, end, threads, cancel, [&](std::size_t i) {
        try {
            probes[i - begin] = probeFile(files[i], limits);
        } catch (const std::exception& error) {
            probes[i - begin].reason = std::string("cannot read the file: ") + error.what();
        }
    });
    return probes;
}

// The item a probed file becomes (readable or not), without id and status.
Item itemFromProbe(const Probe& probe, const std::string& storedPath, SourceId source)
{
    Item item;
    item.relativePath = storedPath;
    item.bytes = probe.bytes;
    item.mtime = probe.mtimeMs;
    item.sourceId = source;
    if (probe.header) {
        item.format = std::string(toId(probe.header->format));
        item.width = probe.header->width;
        item.height = probe.header->height;
        item.frames = probe.header->frames;
        item.orientation = probe.header->orientation;
        item.bitsPerSample = probe.header->bitsPerSample;
        item.channels = probe.header->channels;
        item.contentHash = probe.hash;
    } else {
        item.unreadableWhy = probe.reason;
    }
    return item;
}

std::vector<std::string> splitLabels(const std::string& label, bool multiLabel)
{
    std::vector<std::string> names;
    if (!multiLabel) {
        names.push_back(label);
        return names;
    }
    std::size_t start = 0;
    while (start <= label.size()) {
        const auto end = label.find_first_of(";|", start);
        std::string name = label.substr(start, end == std::string::npos ? std::string::npos : end - start);
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        if (!name.empty())
            names.push_back(name);
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    return names;
}

} // namespace

Registrar::Registrar(Project& project, RegistrationOptions options) : mProject(project), mOptions(options)
{
    if (mOptions.threads <= 0)
        mOptions.threads = defaultThreadCount();
    mOptions.batchSize = std::max<std::size_t>(1, mOptions.batchSize);
}

std::filesystem::path Registrar::itemFileOf(SourceId source, const SourceRequest& request,
                                            const SourceFile& file) const
{
    if (!request.copyIntoProject)
        return file.path;
    return mProject.managedDataFolder() / ("source-" + std::to_string(source)) / file.relativeToSource;
}

RegistrationReport Registrar::addSource(const SourceRequest& request, const ProgressCallback& progress,
                                        const CancelToken& cancel)
{
    if (mProject.isReadOnly())
        throw ConflictError("The project is open read-only; images cannot be added.");
    if (request.refreshIntervalSeconds < 0)
        throw ValidationError("The refresh interval cannot be negative.");
    if (progress)
        progress(0, 0, "listing files");
    const SourceListing listing = listSourceFiles(request); // throws before anything is written

    DataSource source;
    source.kind = request.kind;
    source.root = request.root.empty() ? std::string() : mProject.storedPathFor(request.root);
    source.pattern = request.pattern;
    SourceRequest stored = request;
    for (auto& file : stored.files)
        file = mProject.storedPathFor(file);
    source.options = optionsJson(stored);
    source.copyIntoProject = request.copyIntoProject;
    source.incrementalRefresh = request.incrementalRefresh;
    source.refreshIntervalSeconds = request.refreshIntervalSeconds;
    source.lastRefreshAt = nowMs();

    RegistrationReport report;
    report.sourceId = mProject.addSource(source);
    report.listed = static_cast<std::int64_t>(listing.files.size());
    for (const auto& problem : listing.problems)
        report.problems.push_back({problem.path.string(), problem.reason});
    registerFiles(report.sourceId, request, listing.files, report, progress, cancel);
    mProject.logEvent("source-registered", nlohmann::json{{"source", report.sourceId},
                                                          {"added", report.added},
                                                          {"unreadable", report.unreadable.size()},
                                                          {"duplicates", report.duplicates.size()},
                                                          {"cancelled", report.cancelled}}
                                               .dump());
    return report;
}

RegistrationReport Registrar::refresh(SourceId sourceId, const ProgressCallback& progress, const CancelToken& cancel)
{
    if (mProject.isReadOnly())
        throw ConflictError("The project is open read-only; it cannot be refreshed.");
    const DataSource source = mProject.source(sourceId);
    SourceRequest request =
        requestFromSource(source, source.root.empty() ? std::filesystem::path() : mProject.absolutePath(source.root));
    for (auto& file : request.files)
        file = mProject.absolutePath(file.string());
    if (progress)
        progress(0, 0, "listing files");

    RegistrationReport report;
    report.sourceId = sourceId;
    SourceListing listing;
    try {
        listing = listSourceFiles(request);
    } catch (const ValidationError& error) {
        // The whole source is gone (an unplugged drive): every item is missing, nothing deleted.
        report.problems.push_back({request.root.string(), error.what()});
    }
    report.listed = static_cast<std::int64_t>(listing.files.size());
    for (const auto& problem : listing.problems)
        report.problems.push_back({problem.path.string(), problem.reason});

    std::map<std::string, ItemFileState> known;
    for (auto& state : mProject.itemFilesOfSource(sourceId))
        known.emplace(state.relativePath, state);
    std::set<std::string> present;
    std::vector<ItemId> foundAgain;
    std::vector<SourceFile> newFiles;
    std::vector<SourceFile> changedFiles;
    std::vector<ItemId> changedIds;
    for (const SourceFile& file : listing.files) {
        const auto itemFile = itemFileOf(sourceId, request, file);
        const std::string stored = mProject.storedPathFor(itemFile);
        const auto it = known.find(stored);
        if (it == known.end()) {
            newFiles.push_back(file);
            continue;
        }
        present.insert(stored);
        const ItemFileState& state = it->second;
        std::error_code error;
        if (request.copyIntoProject && !std::filesystem::exists(itemFile, error)) {
            // The copy was deleted but the original is still there: copy it again.
            std::filesystem::create_directories(itemFile.parent_path(), error);
            std::filesystem::copy_file(file.path, itemFile, std::filesystem::copy_options::overwrite_existing, error);
            if (error) {
                report.problems.push_back({file.path.string(), "could not copy into the project: " + error.message()});
                present.erase(stored);
                continue;
            }
        }
        struct stat info {};
        const bool statOk = ::stat(itemFile.c_str(), &info) == 0;
        const std::int64_t mtimeMs = std::int64_t{info.st_mtim.tv_sec} * 1000 + info.st_mtim.tv_nsec / 1'000'000;
        if (state.status == ItemStatus::Missing)
            foundAgain.push_back(state.id);
        if (statOk && (state.status == ItemStatus::Unreadable || info.st_size != state.bytes || mtimeMs != state.mtime)) {
            // Written again since it was registered (or unreadable then): probe it again.
            changedFiles.push_back(file);
            changedIds.push_back(state.id);
        }
    }
    std::vector<ItemId> missing;
    for (const auto& [path, state] : known)
        if (!present.count(path) && state.status != ItemStatus::Missing)
            missing.push_back(state.id);
    // A copied source keeps its copies: the item is missing only if the copy is gone too.
    if (request.copyIntoProject)
        std::erase_if(missing, [&](ItemId id) {
            return std::filesystem::exists(mProject.absolutePath(mProject.item(id).relativePath));
        });

    mProject.markItemsMissing(missing);
    mProject.markItemsFound(foundAgain);
    report.markedMissing = static_cast<std::int64_t>(missing.size());
    report.foundAgain = static_cast<std::int64_t>(foundAgain.size());
    if (!changedFiles.empty()) {
        std::vector<SourceFile> probeTargets;
        for (const auto& file : changedFiles)
            probeTargets.push_back({itemFileOf(sourceId, request, file), file.relativeToSource, {}, true});
        const auto probes = probeAll(probeTargets, 0, probeTargets.size(), mOptions.threads, mOptions.limits, cancel);
        std::vector<Item> updates;
        for (std::size_t i = 0; i < probes.size(); ++i) {
            if (probes[i].vanished)
                continue;
            Item facts = itemFromProbe(probes[i], mProject.storedPathFor(probeTargets[i].path), sourceId);
            facts.id = changedIds[i];
            if (!probes[i].header)
                report.unreadable.push_back({probeTargets[i].path.string(), probes[i].reason});
            updates.push_back(std::move(facts));
        }
        mProject.updateItemFiles(updates);
        report.changed = static_cast<std::int64_t>(updates.size());
    }
    registerFiles(sourceId, request, newFiles, report, progress, cancel);
    if (!cancel.isCancelled())
        mProject.markSourceRefreshed(sourceId, nowMs());
    mProject.logEvent("source-refreshed", nlohmann::json{{"source", sourceId},
                                                         {"added", report.added},
                                                         {"missing", report.markedMissing},
                                                         {"found_again", report.foundAgain}}
                                              .dump());
    return report;
}

void Registrar::registerFiles(SourceId source, const SourceRequest& request, const std::vector<SourceFile>& files,
                              RegistrationReport& report, const ProgressCallback& progress, const CancelToken& cancel)
{
    std::map<std::string, std::string> hashesThisRun; // hash -> stored path
    const auto total = static_cast<std::int64_t>(files.size());

    for (std::size_t begin = 0; begin < files.size(); begin += mOptions.batchSize) {
        if (cancel.isCancelled()) {
            report.cancelled = true;
            break;
        }
        const std::size_t end = std::min(files.size(), begin + mOptions.batchSize);
        // Paths already registered are not probed again.
        std::vector<SourceFile> fresh;
        std::vector<std::string> storedPaths;
        for (std::size_t i = begin; i < end; ++i) {
            const std::string stored = mProject.storedPathFor(itemFileOf(source, request, files[i]));
            if (mProject.itemAtPath(stored)) {
                ++report.alreadyRegistered;
                continue;
            }
            fresh.push_back(files[i]);
            storedPaths.push_back(stored);
        }
        const auto probes = probeAll(fresh, 0, fresh.size(), mOptions.threads, mOptions.limits, cancel);
        if (cancel.isCancelled()) {
            report.cancelled = true;
            break;
        }

        std::vector<Item> items;
        std::vector<std::vector<std::string>> itemLabels;
        for (std::size_t i = 0; i < fresh.size(); ++i) {
            const Probe& probe = probes[i];
            if (probe.vanished) {
                report.problems.push_back({fresh[i].path.string(), "the file disappeared while it was being added"});
                continue;
            }
            if (probe.ignore) {
                ++report.ignored;
                continue;
            }
            if (probe.header && !probe.hash.empty()) {
                std::optional<std::string> sameAs;
                if (auto it = hashesThisRun.find(probe.hash); it != hashesThisRun.end()) {
                    sameAs = it->second;
                } else if (auto ids = mProject.itemsWithContentHash(probe.hash); !ids.empty()) {
                    // A missing item with these bytes was moved or renamed: it follows its
                    // file, with its labels, instead of becoming a skipped duplicate.
                    const auto moved = std::find_if(ids.begin(), ids.end(), [&](ItemId id) {
                        return mProject.item(id).status == ItemStatus::Missing;
                    });
                    if (moved != ids.end() && !request.copyIntoProject) {
                        Item facts = itemFromProbe(probe, storedPaths[i], source);
                        facts.id = *moved;
                        mProject.updateItemFiles({facts});
                        hashesThisRun.emplace(probe.hash, storedPaths[i]);
                        ++report.moved;
                        continue;
                    }
                    sameAs = mProject.item(ids.front()).relativePath;
                }
                if (sameAs) {
                    const bool keep = request.duplicates == DuplicatePolicy::Keep;
                    report.duplicates.push_back({fresh[i].path.string(), *sameAs, keep});
                    if (!keep)
                        continue;
                } else {
                    hashesThisRun.emplace(probe.hash, storedPaths[i]);
                }
            }
            if (request.copyIntoProject) {
                const auto destination = itemFileOf(source, request, fresh[i]);
                std::error_code error;
                std::filesystem::create_directories(destination.parent_path(), error);
                if (!error)
                    std::filesystem::copy_file(fresh[i].path, destination,
                                               std::filesystem::copy_options::overwrite_existing, error);
                if (error) {
                    report.problems.push_back({fresh[i].path.string(), "could not copy into the project: " +
                                                                           error.message()});
                    continue;
                }
            }
            Item item = itemFromProbe(probe, storedPaths[i], source);
            if (!probe.header)
                report.unreadable.push_back({fresh[i].path.string(), probe.reason});
            items.push_back(std::move(item));
            itemLabels.push_back(probe.header ? fresh[i].labels : std::vector<std::string>{});
        }
        // A batch's items and their manifest classes are committed together.
        const auto tags = manifestClasses(items, itemLabels, report);
        const auto ids = mProject.addItems(items, tags, request.manifestLabels == ManifestLabels::Final);
        for (std::size_t i = 0; i < ids.size(); ++i) {
            if (ids[i] == 0)
                continue;
            if (items[i].unreadableWhy.empty())
                ++report.added;
            report.labelsImported += static_cast<std::int64_t>(tags[i].size());
        }
        if (progress)
            progress(static_cast<std::int64_t>(end), total, "registering");
    }
}

std::vector<std::vector<ClassId>> Registrar::manifestClasses(const std::vector<Item>& items,
                                                             const std::vector<std::vector<std::string>>& labels,
                                                             RegistrationReport& report)
{
    std::vector<std::vector<ClassId>> tags(items.size());
    if (std::all_of(labels.begin(), labels.end(), [](const auto& names) { return names.empty(); }))
        return tags;
    const bool multiLabel = mProject.info().taskType == TaskType::ClassificationMultiLabel;
    // Class names are matched ignoring case and surrounding spaces, as the project does;
    // a name the project would refuse becomes a reported problem, not a failed import.
    const auto key = [](std::string name) {
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        return name;
    };
    std::map<std::string, ClassId> classIds; // lowercase name -> class
    for (const LabelClass& labelClass : mProject.classes())
        classIds.emplace(key(labelClass.name), labelClass.id);
    std::vector<NewClass> newClasses;
    std::vector<std::vector<std::string>> namesOf(items.size()); // valid names per item, in order
    for (std::size_t i = 0; i < items.size(); ++i)
        for (const auto& label : labels[i])
            for (const auto& raw : splitLabels(label, multiLabel)) {
                std::string name;
                try {
                    name = validateClassName(raw);
                } catch (const ValidationError& error) {
                    report.problems.push_back({items[i].relativePath, error.what()});
                    continue;
                }
                if (!classIds.count(key(name))) {
                    classIds.emplace(key(name), 0);
                    newClasses.push_back({name});
                }
                namesOf[i].push_back(name);
            }
    // Classes named by the manifest are created as they are; labels already in the
    // project stay (the "continue" mode). A class without labels is harmless if the
    // batch that follows fails.
    if (!newClasses.empty()) {
        const auto ids = mProject.addClasses(newClasses, LabelResetMode::Continue);
        for (std::size_t i = 0; i < ids.size(); ++i)
            classIds[key(newClasses[i].name)] = ids[i];
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& names = namesOf[i];
        std::set<ClassId> classesOfItem;
        for (const auto& name : names)
            classesOfItem.insert(classIds.at(key(name)));
        if (!multiLabel && classesOfItem.size() > 1) {
            report.problems.push_back({items[i].relativePath,
                                       "several classes for one image in a single-class project; the first (" +
                                           names.front() + ") was used"});
            classesOfItem = {classIds.at(key(names.front()))};
        }
        tags[i].assign(classesOfItem.begin(), classesOfItem.end());
    }
    return tags;
}

} // namespace pixmark::ingest
