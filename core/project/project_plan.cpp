#include "core/project/project_plan.h"

#include "core/errors.h"
#include "core/ingest/manifest.h"
#include "core/model/keymap.h"
#include "core/project/naming_rules.h"
#include "core/util/text.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <system_error>

namespace pixmark {

namespace {
std::string classLabel(std::size_t index, const std::string& name)
{
    const std::string number = "Class " + std::to_string(index + 1);
    return name.empty() ? number : number + " (" + name + ")";
}

bool startsWith(const std::string& text, const std::string& prefix)
{
    return text.compare(0, prefix.size(), prefix) == 0;
}
} // namespace

std::filesystem::path projectFileFor(const std::filesystem::path& folder, const std::string& name)
{
    return folder / (name + ".pixmark");
}

void validateProjectFile(const std::filesystem::path& file)
{
    if (file.empty())
        throw ValidationError("Choose a folder for the project file.");
    if (lowercase(file.extension().string()) != ".pixmark")
        throw ValidationError("A project file's name ends in .pixmark.");
    std::error_code error;
    if (std::filesystem::exists(file, error))
        throw ValidationError(file.string() + " already exists; choose another name or folder.");
    if (std::filesystem::exists(cacheFolderFor(file), error))
        throw ValidationError(cacheFolderFor(file).string() +
                              " already exists (the cache folder of an earlier project); choose another name "
                              "or folder.");
    // The nearest existing ancestor must be a folder: everything below it is created.
    for (auto folder = file.parent_path(); !folder.empty(); folder = folder.parent_path()) {
        if (std::filesystem::exists(folder, error)) {
            if (!std::filesystem::is_directory(folder, error))
                throw ValidationError(folder.string() + " is a file, not a folder.");
            break;
        }
        if (folder == folder.parent_path())
            break;
    }
}

std::vector<std::optional<std::string>> assignClassHotkeys(const std::vector<NewClass>& classes)
{
    std::vector<std::optional<std::string>> hotkeys(classes.size());
    std::set<std::string> names;
    std::set<std::string> taken;
    // Explicit hotkeys first, so an automatic one never takes a key a later row asked for.
    for (std::size_t i = 0; i < classes.size(); ++i) {
        const NewClass& newClass = classes[i];
        std::string name;
        try {
            name = validateClassName(newClass.name);
        } catch (const Error& error) {
            throw ValidationError(classLabel(i, "") + ": " + error.what());
        }
        if (!names.insert(lowercase(name)).second)
            throw ValidationError(classLabel(i, name) + ": another class already has this name.");
        if (newClass.hotkey && !newClass.noHotkey) {
            std::string key;
            try {
                key = normalizeClassHotkey(*newClass.hotkey);
            } catch (const Error& error) {
                throw ValidationError(classLabel(i, name) + ": " + error.what());
            }
            if (!taken.insert(key).second)
                throw ValidationError(classLabel(i, name) + ": the hotkey " + key +
                                      " is already used by another class.");
            hotkeys[i] = key;
        }
    }
    auto next = automaticClassHotkeys().begin();
    for (std::size_t i = 0; i < classes.size(); ++i) {
        if (classes[i].hotkey || classes[i].noHotkey)
            continue;
        while (next != automaticClassHotkeys().end() && taken.count(*next))
            ++next;
        if (next != automaticClassHotkeys().end()) {
            hotkeys[i] = *next;
            taken.insert(*next);
        }
    }
    return hotkeys;
}

void validateInstructionsUrl(const std::string& url)
{
    if (url.empty())
        return;
    const std::string lower = lowercase(url);
    const bool schemeOk = startsWith(lower, "http://") || startsWith(lower, "https://") || startsWith(lower, "file://");
    if (!schemeOk)
        throw ValidationError("The link must start with https://, http:// or file://.");
    if (std::any_of(url.begin(), url.end(), [](unsigned char c) { return std::isspace(c) || std::iscntrl(c); }))
        throw ValidationError("The link cannot contain spaces.");
    if (url.find("://") + 3 >= url.size())
        throw ValidationError("The link has nothing after " + url + ".");
}

void validateSource(const ingest::SourceRequest& source)
{
    std::error_code error;
    switch (source.kind) {
    case SourceKind::Files:
        if (source.files.empty())
            throw ValidationError("Add at least one image file.");
        for (const auto& file : source.files)
            if (!std::filesystem::is_regular_file(file, error))
                throw ValidationError(file.string() + " does not exist or is not a file.");
        break;
    case SourceKind::Folder:
    case SourceKind::Glob:
        if (source.root.empty())
            throw ValidationError("Choose a folder of images.");
        if (!std::filesystem::is_directory(source.root, error))
            throw ValidationError(source.root.string() + " does not exist or is not a folder.");
        if (source.kind == SourceKind::Glob && source.pattern.empty())
            throw ValidationError("Enter a pattern such as **/*.jpg.");
        break;
    case SourceKind::Manifest:
        if (source.root.empty())
            throw ValidationError("Choose a manifest file (CSV or JSON lines).");
        if (!std::filesystem::is_regular_file(source.root, error))
            throw ValidationError(source.root.string() + " does not exist or is not a file.");
        if (source.manifestColumns.image.empty())
            throw ValidationError("Choose the column that holds the image paths.");
        break;
    }
    if (source.incrementalRefresh && source.kind == SourceKind::Files)
        throw ValidationError("Incremental refresh needs a folder, pattern or manifest to look at again.");
    if (source.refreshIntervalSeconds < 0)
        throw ValidationError("The refresh interval cannot be negative.");
}

void validatePlan(const ProjectPlan& plan)
{
    const std::string name = validateProjectName(plan.name);
    validateProjectFile(plan.file);
    for (const auto& source : plan.sources)
        validateSource(source);
    if (plan.classes.empty())
        throw ValidationError("Add at least one label class.");
    assignClassHotkeys(plan.classes);
    validateInstructionsUrl(plan.instructionsUrl);
    validate(plan.assist);
    validate(plan.quality);
}

std::unique_ptr<Project> createProjectFromPlan(const ProjectPlan& plan)
{
    validatePlan(plan);
    std::error_code error;
    const bool madeFolder = !std::filesystem::exists(plan.file.parent_path(), error);
    std::filesystem::create_directories(plan.file.parent_path(), error);
    if (error)
        throw ValidationError("Cannot create the folder " + plan.file.parent_path().string() + ": " + error.message());
    std::unique_ptr<Project> project;
    try {
        project = Project::create(plan.file, validateProjectName(plan.name), plan.taskType);
        const auto hotkeys = assignClassHotkeys(plan.classes);
        std::vector<NewClass> classes = plan.classes;
        for (std::size_t i = 0; i < classes.size(); ++i) {
            classes[i].hotkey = hotkeys[i];
            classes[i].noHotkey = !hotkeys[i];
        }
        project->addClasses(classes);
        if (!plan.instructions.empty() || !plan.instructionsUrl.empty())
            project->setInstructions(plan.instructions, plan.instructionsUrl);
        setAssistSettings(*project, plan.assist);
        setQualitySettings(*project, plan.quality);
        return project;
    } catch (...) {
        // Leave nothing half-made behind, so that pressing Create again works.
        const auto file = plan.file;
        const bool created = project != nullptr;
        project.reset();
        if (created) {
            std::filesystem::remove(file, error);
            std::filesystem::remove(file.string() + "-wal", error);
            std::filesystem::remove(file.string() + "-shm", error);
            std::filesystem::remove_all(cacheFolderFor(file), error);
        }
        if (madeFolder)
            std::filesystem::remove(file.parent_path(), error); // only when still empty
        throw;
    }
}

} // namespace pixmark
