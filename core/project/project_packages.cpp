// Project: work packages for field teams. A lead cuts queued items into standalone
// package files (one per labeler, optionally overlapping for consensus); each package is
// a project of its own that opens offline; merging brings its submissions back.
#include "core/project/naming_rules.h"
#include "core/project/project_impl_p.h"
#include "core/store/migrations.h"
#include "core/store/package_store.h"
#include "core/store/project_lock.h"
#include "core/store/sqlite/transaction.h"
#include "core/util/clock.h"

#include <set>

namespace pixmark {

namespace {

constexpr std::int64_t kMaxPackageItems = 10'000'000;

// A file-name-safe form of a name: letters, digits, '-', '_' and '.' kept, the rest '_'.
std::string fileSafe(const std::string& name)
{
    std::string safe;
    for (unsigned char c : name)
        safe += (std::isalnum(c) || c == '-' || c == '_' || c == '.') ? static_cast<char>(c) : '_';
    return safe.empty() ? std::string("package") : safe;
}

void removePackageFiles(const std::filesystem::path& file)
{
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", ".lock"})
        std::filesystem::remove(file.string() + suffix, ignored);
    std::filesystem::remove_all(cacheFolderFor(file), ignored);
    auto data = file;
    std::filesystem::remove_all(data.replace_extension(".data"), ignored);
}

bool isWaiting(ItemCategory category)
{
    return category == ItemCategory::Queued || category == ItemCategory::Rejected ||
           category == ItemCategory::Labeled;
}

} // namespace

std::vector<CreatedPackage> Project::createPackages(const PackagePlan& plan)
{
    mImpl->requireWritable();
    requireLead("cut work packages");
    if (mImpl->packageInfo())
        throw ConflictError("A work package cannot be cut into packages; cut them from the parent project.");
    if (plan.labelers.empty())
        throw ValidationError("Name at least one labeler; each gets a package of their own.");
    const int selections = (plan.count ? 1 : 0) + (plan.filter ? 1 : 0) + (plan.items.empty() ? 0 : 1);
    if (selections != 1)
        throw ValidationError("Choose the items one way: a count, a filter, or a list of item ids.");
    if (plan.count && (*plan.count < 1 || *plan.count > kMaxPackageItems))
        throw ValidationError("A package count is between 1 and 10,000,000 items.");
    const int packageCount = static_cast<int>(plan.labelers.size());
    if (plan.overlap < 1 || plan.overlap > packageCount)
        throw ValidationError("Each item can go into 1 to " + std::to_string(packageCount) +
                              " packages (one per labeler); " + std::to_string(plan.overlap) + " was asked for.");
    std::vector<Labeler> people;
    std::set<std::string> names;
    for (const std::string& name : plan.labelers) {
        people.push_back(labeler(ensureLabeler(name)));
        if (!names.insert(people.back().name).second)
            throw ValidationError(people.back().name + " is named twice; each labeler gets one package.");
    }

    const ProjectInfo parent = info();
    std::vector<ItemId> chosen;
    if (plan.count) {
        chosen = mImpl->tasks.nextLabelItems(0, static_cast<int>(*plan.count), parent.labelEpoch);
    } else {
        const std::vector<ItemId> candidates = plan.filter ? findItems(*plan.filter) : plan.items;
        for (const ItemOverview& overview : itemOverviews(candidates)) {
            if (isWaiting(overview.category))
                chosen.push_back(overview.id);
            else if (!plan.filter)
                throw ConflictError("Item " + std::to_string(overview.id) + " is " +
                                    std::string(toId(overview.category)) +
                                    "; only items waiting in the queue go into packages.");
        }
        if (!plan.filter && chosen.size() != std::set<ItemId>(plan.items.begin(), plan.items.end()).size())
            throw NotFoundError("Some of the listed items are not in this project.");
    }
    if (chosen.empty())
        throw ConflictError("No item waiting in the queue matches; there is nothing to put in a package.");

    // Item k goes to packages k, k+1, ... (overlap of them), so overlapping packages share
    // items evenly and every item gets `overlap` labelers.
    std::vector<std::vector<ItemId>> assigned(people.size());
    for (std::size_t k = 0; k < chosen.size(); ++k)
        for (int r = 0; r < plan.overlap; ++r)
            assigned[(k + static_cast<std::size_t>(r)) % people.size()].push_back(chosen[k]);

    std::error_code error;
    std::filesystem::create_directories(plan.folder, error);
    if (error)
        throw ProjectFileError("Cannot create the folder " + plan.folder.string() + ": " + error.message());

    std::vector<CreatedPackage> created;
    for (std::size_t p = 0; p < people.size(); ++p) {
        if (assigned[p].empty())
            continue;
        const Labeler& person = people[p];
        const auto file = std::filesystem::absolute(plan.folder / (fileSafe(parent.name) + "-" + fileSafe(person.name) +
                                                                   ".pixmark"));
        if (std::filesystem::exists(file))
            throw ProjectFileError("The package " + file.string() +
                                   " already exists; merge or move it first, or choose another folder.");
        std::string packageName = parent.name + " - " + person.name;
        try {
            packageName = validateProjectName(packageName);
        } catch (const ValidationError&) {
            packageName = validateProjectName(fileSafe(person.name));
        }
        Project::create(file, packageName, parent.taskType).reset();
        CreatedPackage result{file, person.name, static_cast<std::int64_t>(assigned[p].size()), 0};
        try {
            store::PackageContents contents;
            contents.labeler = person;
            contents.instructions = parent.instructions;
            contents.instructionsUrl = parent.instructionsUrl;
            contents.dataRoot = plan.copyImages ? "." : dataRoot().string();
            auto dataFolder = file;
            dataFolder.replace_extension(".data");
            for (ItemId id : assigned[p]) {
                const Item source = item(id);
                if (!plan.copyImages) {
                    contents.items.emplace_back(id, source.relativePath);
                    continue;
                }
                const auto from = absolutePath(source.relativePath);
                const std::string name = std::to_string(id) + "-" + from.filename().string();
                std::filesystem::create_directories(dataFolder);
                std::filesystem::copy_file(from, dataFolder / name);
                result.copiedBytes += static_cast<std::int64_t>(std::filesystem::file_size(dataFolder / name));
                contents.items.emplace_back(id, (std::filesystem::path(dataFolder.filename()) / name).generic_string());
            }
            auto settings = Json::parse(mImpl->project.settings(), nullptr, false);
            if (!settings.is_object())
                settings = Json::object();
            // One labeler works in a package; consensus and review happen in the parent.
            settings["quality"] = Json{{"consensus", false}, {"labelers_per_item", 1}, {"review_required", false}};
            settings["package"] = Json{{"parent_uuid", parent.uuid},      {"parent_name", parent.name},
                                       {"labeler_name", person.name},     {"labeler_uuid", person.uuid},
                                       {"created_at", nowMs()},           {"images_copied", plan.copyImages}};
            contents.settingsJson = settings.dump();

            store::AttachedPackage package(mImpl->db, file);
            const auto now = nowMs();
            sqlite::Transaction transaction(mImpl->db);
            package.fill(contents);
            const std::string packageUuid = package.uuid();
            mImpl->tasks.open(TaskKind::Label, person.id, 1, assigned[p], now, packageUuid);
            mImpl->logEdit("package-created",
                           Json{{"package", packageUuid}, {"file", file.filename().string()}, {"labeler", person.name},
                                {"items", assigned[p].size()}, {"copied", plan.copyImages}},
                           now, currentLabeler());
            transaction.commit();
        } catch (const std::filesystem::filesystem_error& failure) {
            removePackageFiles(file);
            throw ProjectFileError("Cannot write the package " + file.filename().string() + ": " +
                                   failure.code().message() + " (" + failure.path1().string() + ").");
        } catch (...) {
            removePackageFiles(file);
            throw;
        }
        created.push_back(result);
    }
    return created;
}

MergeReport Project::mergePackage(const std::filesystem::path& requestedFile)
{
    mImpl->requireWritable();
    requireLead("merge work packages");
    std::error_code error;
    const auto file = std::filesystem::canonical(requestedFile, error);
    if (error)
        throw ProjectFileError("No package at \"" + requestedFile.string() + "\": " + error.message() + ".");
    if (file == mImpl->file)
        throw ValidationError("That is this project's own file; choose a package file.");
    // Nobody may be labeling in the package while it is merged.
    auto lock = store::ProjectLock::acquire(file);
    store::AttachedPackage package(mImpl->db, file);
    const int version = static_cast<int>(mImpl->db.queryInteger("PRAGMA package.user_version"));
    if (mImpl->db.queryInteger("PRAGMA package.application_id") != store::kApplicationId)
        throw ProjectFileError(file.filename().string() + " is not a Pixmark work package.");
    if (version != store::kSchemaVersion)
        throw ProjectFileError(file.filename().string() + " has project format " + std::to_string(version) +
                               "; open it once in this Pixmark (it is upgraded on open), then merge it.");
    const auto settings = Json::parse(package.settingsJson(), nullptr, false);
    if (!settings.is_object() || !settings.contains("package") || !settings["package"].is_object())
        throw ProjectFileError(file.filename().string() + " is a project, not a work package; only packages merge.");
    const ProjectInfo parent = info();
    const Json& about = settings["package"];
    if (about.value("parent_uuid", "") != parent.uuid)
        throw ConflictError(file.filename().string() + " was cut from the project \"" +
                            about.value("parent_name", "?") + "\" (" + about.value("parent_uuid", "?") +
                            "), not from this one; merge it into its own project.");
    for (const auto& [id, name] : package.classNames()) {
        const auto here = mImpl->classes.find(id);
        if (!here || here->name != name)
            throw ConflictError("The package's class \"" + name + "\" is not the class with id " +
                                std::to_string(id) + " here" + (here ? " (\"" + here->name + "\")" : "") +
                                "; classes must not change while packages are out.");
    }

    MergeReport report;
    report.packageName = file.filename().string();
    report.labeler = about.value("labeler_name", "");
    const std::string packageUuid = package.uuid();
    const auto hashes = package.itemHashes();
    const auto submissions = package.submissions();
    const auto now = nowMs();
    sqlite::Transaction transaction(mImpl->db);
    const QualitySettings quality = qualitySettingsOf(*this);
    store::PackageMergeTable merges(mImpl->db);
    std::set<ItemId> voted;
    for (const store::PackageSubmission& submission : submissions) {
        if (merges.isMerged(packageUuid, submission.id)) {
            ++report.alreadyMerged;
            continue;
        }
        const auto target = mImpl->items.find(submission.itemId);
        if (!target)
            throw ConflictError("Item " + std::to_string(submission.itemId) + " of the package is not in this project.");
        const auto hash = hashes.find(submission.itemId);
        if (hash != hashes.end() && !hash->second.empty() && !target->contentHash.empty() &&
            hash->second != target->contentHash)
            throw ConflictError("The image of item " + std::to_string(submission.itemId) + " (" +
                                target->relativePath + ") is not the one in the package; nothing was merged.");
        const LabelerId who = mImpl->labelers.ensureIdentity(
            Labeler{0, submission.labelerName, std::string(toId(LabelerRole::Labeler)), submission.labelerUuid}, now);
        for (const Annotation& annotation : submission.annotations)
            mImpl->requireClass(annotation.classId);
        const SubmissionRequest request{submission.itemId, who, submission.durationMs, submission.origin,
                                        std::nullopt, submission.skipped, submission.annotations};
        const auto recorded = mImpl->recordSubmission(request, *target, *mImpl->labelers.find(who), parent, quality,
                                                      submission.submittedAt, now);
        merges.record(packageUuid, submission.id, recorded.id, now);
        if (recorded.vote && !submission.skipped)
            voted.insert(submission.itemId);
        ++report.merged;
        ++(submission.skipped ? report.skips : report.labels);
    }
    for (ItemId id : voted) {
        switch (mImpl->evaluateConsensus(id, parent.taskType, parent.labelEpoch, quality, now)) {
        case store::ConsensusState::Agreed:
            ++report.consensusAgreed;
            break;
        case store::ConsensusState::Disputed:
            ++report.consensusDisputed;
            break;
        case store::ConsensusState::More:
            break;
        }
    }
    report.returnedToQueue = mImpl->tasks.closePackage(packageUuid, now);
    mImpl->logEdit("package-merged",
                   Json{{"package", packageUuid}, {"file", report.packageName}, {"labeler", report.labeler},
                        {"merged", report.merged}, {"already_merged", report.alreadyMerged},
                        {"returned", report.returnedToQueue}},
                   now, currentLabeler());
    transaction.commit();
    return report;
}

} // namespace pixmark
