#include "core/ingest/source_files.h"

#include "core/errors.h"
#include "core/ingest/glob_pattern.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

namespace pixmark::ingest {

namespace {

// Files a folder walk considers without being told: known image extensions, and files
// without any extension (DICOM series are often written that way). Other files are
// ignored silently, so a README beside the images is not an "unreadable image".
bool looksLikeImageName(const std::filesystem::path& path)
{
    static constexpr std::array<std::string_view, 10> kExtensions{
        ".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".bmp", ".tif", ".tiff", ".dcm", ".dicom"};
    std::string extension = path.extension().string();
    if (extension.empty())
        return true;
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return std::find(kExtensions.begin(), kExtensions.end(), extension) != kExtensions.end();
}

std::string_view toId(DuplicatePolicy policy)
{
    return policy == DuplicatePolicy::Skip ? "skip" : "keep";
}

std::string_view toId(ManifestLabels labels)
{
    return labels == ManifestLabels::Final ? "final" : "prelabel";
}

// Where a file named on its own goes in the managed folder: its whole path, so two files
// called img.png from different folders never land on one copy.
std::string uniqueCopyName(const std::filesystem::path& file)
{
    return file.relative_path().generic_string();
}

void listFolder(const SourceRequest& request, SourceListing& listing)
{
    walkFiles(
        request.root, -1,
        [&](const std::filesystem::path& file, const std::string& relative) {
            // A file with an image extension is meant to be an image: if it is not one,
            // that is worth a reason in the report. Files without extension are only
            // taken when their content is an image.
            if (looksLikeImageName(file))
                listing.files.push_back({file, relative, {}, file.has_extension()});
        },
        [&](const WalkProblem& problem) { listing.problems.push_back(problem); });
}

void listGlob(const SourceRequest& request, SourceListing& listing)
{
    const GlobPattern pattern(request.pattern);
    const std::string prefix = pattern.fixedPrefix();
    const std::filesystem::path start = prefix.empty() ? request.root : request.root / prefix;
    std::error_code error;
    if (!std::filesystem::is_directory(start, error))
        return; // nothing matches yet; a later refresh may find files
    walkFiles(
        start, pattern.maxDepth(),
        [&](const std::filesystem::path& file, const std::string& relative) {
            const std::string full = prefix.empty() ? relative : prefix + "/" + relative;
            if (pattern.matches(full))
                listing.files.push_back({file, full, {}, true});
        },
        [&](const WalkProblem& problem) { listing.problems.push_back(problem); });
}

void listFiles(const SourceRequest& request, SourceListing& listing)
{
    for (const auto& file : request.files) {
        std::error_code error;
        if (!std::filesystem::is_regular_file(file, error)) {
            listing.problems.push_back({file, std::filesystem::exists(file, error) ? "not a regular file"
                                                                                    : "file not found"});
            continue;
        }
        listing.files.push_back({file, uniqueCopyName(file), {}, true});
    }
}

void listManifest(const SourceRequest& request, SourceListing& listing)
{
    const Manifest manifest = readManifest(request.root, request.manifestColumns);
    for (const auto& problem : manifest.problems)
        listing.problems.push_back({request.root, problem.reason});
    const auto base = request.root.parent_path();
    std::map<std::filesystem::path, std::size_t> seen; // "long" manifests name an image once per class
    for (const auto& row : manifest.rows) {
        if (const auto it = seen.find(row.image); it != seen.end()) {
            if (row.label)
                listing.files[it->second].labels.push_back(*row.label);
            continue;
        }
        std::error_code error;
        if (!std::filesystem::is_regular_file(row.image, error)) {
            listing.problems.push_back({row.image, "line " + std::to_string(row.line) + ": file not found"});
            continue;
        }
        const auto relative = row.image.lexically_relative(base);
        const bool inside = !relative.empty() && *relative.begin() != "..";
        seen.emplace(row.image, listing.files.size());
        listing.files.push_back({row.image, inside ? relative.generic_string() : uniqueCopyName(row.image),
                                 row.label ? std::vector<std::string>{*row.label} : std::vector<std::string>{},
                                 true});
    }
}

} // namespace

SourceRequest requestForPath(const std::string& argument)
{
    SourceRequest request;
    if (hasWildcards(argument)) {
        // Split "photos/2026/**/*.jpg" into the folder "photos/2026" and the pattern.
        const std::filesystem::path path(argument);
        std::filesystem::path base;
        std::filesystem::path rest;
        bool inPattern = false;
        for (const auto& part : path) {
            if (!inPattern && hasWildcards(part.string()))
                inPattern = true;
            (inPattern ? rest : base) /= part;
        }
        request.kind = SourceKind::Glob;
        request.root = std::filesystem::absolute(base.empty() ? "." : base).lexically_normal();
        request.pattern = rest.generic_string();
        GlobPattern check(request.pattern); // validates now, not at the first refresh
        return request;
    }
    std::error_code error;
    const auto absolute = std::filesystem::absolute(argument).lexically_normal();
    if (std::filesystem::is_directory(absolute, error)) {
        request.kind = SourceKind::Folder;
        request.root = absolute;
    } else if (std::filesystem::exists(absolute, error)) {
        request.kind = SourceKind::Files;
        request.files.push_back(absolute);
    } else {
        throw ValidationError("\"" + argument + "\" does not exist.");
    }
    return request;
}

std::string optionsJson(const SourceRequest& request)
{
    nlohmann::json options = {{"duplicates", toId(request.duplicates)}};
    if (request.kind == SourceKind::Files) {
        nlohmann::json files = nlohmann::json::array();
        for (const auto& file : request.files)
            files.push_back(file.string());
        options["files"] = files;
    }
    if (request.kind == SourceKind::Manifest) {
        options["image_column"] = request.manifestColumns.image;
        if (request.manifestColumns.label)
            options["label_column"] = *request.manifestColumns.label;
        options["labels"] = toId(request.manifestLabels);
    }
    return options.dump();
}

SourceRequest requestFromSource(const DataSource& source, const std::filesystem::path& absoluteRoot)
{
    SourceRequest request;
    request.kind = source.kind;
    request.root = absoluteRoot;
    request.pattern = source.pattern;
    request.copyIntoProject = source.copyIntoProject;
    request.incrementalRefresh = source.incrementalRefresh;
    request.refreshIntervalSeconds = source.refreshIntervalSeconds;
    const auto options = nlohmann::json::parse(source.options, nullptr, false);
    if (!options.is_object())
        throw ValidationError("The settings of data source " + std::to_string(source.id) + " are damaged.");
    request.duplicates = options.value("duplicates", "skip") == "keep" ? DuplicatePolicy::Keep : DuplicatePolicy::Skip;
    if (options.contains("files"))
        for (const auto& file : options["files"])
            request.files.emplace_back(file.get<std::string>());
    request.manifestColumns.image = options.value("image_column", "");
    if (options.contains("label_column"))
        request.manifestColumns.label = options["label_column"].get<std::string>();
    request.manifestLabels = options.value("labels", "prelabel") == "final" ? ManifestLabels::Final
                                                                           : ManifestLabels::Prelabel;
    return request;
}

SourceListing listSourceFiles(const SourceRequest& request)
{
    SourceListing listing;
    switch (request.kind) {
    case SourceKind::Folder:
        listFolder(request, listing);
        break;
    case SourceKind::Glob:
        listGlob(request, listing);
        break;
    case SourceKind::Files:
        listFiles(request, listing);
        break;
    case SourceKind::Manifest:
        listManifest(request, listing);
        break;
    }
    return listing;
}

} // namespace pixmark::ingest
