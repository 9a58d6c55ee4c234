#include "app/cli/exchange_commands.h"

#include "app/cli/cli_context.h"
#include "core/errors.h"
#include "core/formats/export_job.h"
#include "core/formats/registry.h"
#include "core/project/project.h"

#include <CLI/CLI.hpp>

#include <memory>
#include <ostream>
#include <fstream>
#include <sstream>

namespace pixmark::cli {

namespace {

using Json = nlohmann::json;

std::string formatIds(bool exportable)
{
    std::string ids;
    for (const formats::Format* format : formats::allFormats())
        if (!exportable || format->canExport(TaskType::ClassificationMultiClass) ||
            format->canExport(TaskType::ObjectDetection) || format->canExport(TaskType::SemanticSegmentation))
            ids += (ids.empty() ? "" : ", ") + std::string(format->id());
    return ids;
}

Json verifyJson(const formats::VerifyReport& report)
{
    return {{"ok", report.ok()},
            {"images", report.images},
            {"annotations", report.annotations},
            {"problems", report.problems}};
}

void printVerification(std::ostream& out, const formats::VerifyReport& report)
{
    out << (report.ok() ? "Verified: " : "Verification FAILED: ") << report.images << " images, "
        << report.annotations << " annotations read back\n";
    for (const auto& problem : report.problems)
        out << "  " << problem << '\n';
}

struct ExportCliOptions {
    std::string project;
    std::string format = "coco";
    std::string split;
    std::uint64_t seed = 1;
    bool copy = false;
    bool includeUnreviewed = false;
    std::string out = ".";
    std::string lead;
};

formats::SplitRatios parseSplit(const std::string& text)
{
    // "80/10/10" or "0.8,0.1,0.1"
    std::string normal = text;
    for (char& c : normal)
        if (c == '/' || c == ',' || c == ':')
            c = ' ';
    std::istringstream in(normal);
    double a = 0, b = 0, c = 0;
    if (!(in >> a >> b >> c))
        throw UsageError("--split takes three ratios, train/val/test, e.g. 80/10/10 or 0.8,0.1,0.1.");
    const double sum = a + b + c;
    if (sum <= 0)
        throw UsageError("--split ratios must add up to more than 0.");
    return formats::SplitRatios{a / sum, b / sum, c / sum};
}

void addExport(CLI::App& app, const CliContext& context)
{
    auto options = std::make_shared<ExportCliOptions>();
    auto* command = app.add_subcommand("export", "Export the final labels, then read the export back and check it");
    command->add_option("project", options->project, "Project file")->required();
    command->add_option("--format,-f", options->format, "Format: " + formatIds(true))->capture_default_str();
    command->add_option("--split", options->split, "train/val/test ratios, e.g. 80/10/10 (stratified by class)");
    command->add_option("--seed", options->seed, "Seed of the split")->capture_default_str();
    command->add_flag("--copy-images", options->copy, "Copy the images into the export (default: reference them)");
    command->add_flag("--include-unreviewed", options->includeUnreviewed,
                      "Also labels still waiting for review (never prelabels)");
    command->add_option("--out,-o", options->out, "Folder in which NAME_YYYYMMDD_HHMMSS is made")->capture_default_str();
    command->add_option("--as", options->lead, "Lead name (default: your login name)");
    command->callback([options, &context] {
        openAs(options->project, options->lead)->requireLead("export");
        formats::ExportOptions exportOptions;
        exportOptions.format = options->format;
        if (!options->split.empty())
            exportOptions.split = parseSplit(options->split);
        exportOptions.seed = options->seed;
        exportOptions.copyImages = options->copy;
        exportOptions.includeUnreviewed = options->includeUnreviewed;
        exportOptions.parentFolder = options->out;
        const auto result = formats::exportProject(options->project, exportOptions);
        Json splits = Json::object();
        for (const auto& [split, count] : result.imagesBySplit)
            splits[split.empty() ? "all" : split] = count;
        context.emit({{"folder", result.folder.string()},
                      {"images", result.images},
                      {"annotations", result.annotations},
                      {"splits", splits},
                      {"verification", verifyJson(result.verification)}},
                     [&](std::ostream& out) {
                         out << "Exported " << result.images << " images, " << result.annotations
                             << " annotations to " << result.folder.string() << '\n';
                         printVerification(out, result.verification);
                     });
        if (!result.verification.ok())
            throw pixmark::Error("The export was written but did not verify; see the problems above.");
    });
}

struct ImportCliOptions {
    std::string project;
    std::string format;
    std::string input;
    bool prelabels = false;
    bool noNewClasses = false;
    std::string lead;
};

void addImport(CLI::App& app, const CliContext& context)
{
    auto options = std::make_shared<ImportCliOptions>();
    auto* command = app.add_subcommand("import", "Import labels from another tool's files (all or nothing)");
    command->add_option("project", options->project, "Project file")->required();
    command->add_option("--format,-f", options->format, "Format: " + formatIds(false))->required();
    command->add_option("input", options->input, "The file (or folder) to import")->required();
    command->add_flag("--as-prelabels", options->prelabels, "Import as suggestions to review, not final labels");
    command->add_flag("--no-new-classes", options->noNewClasses,
                      "Refuse categories the project has no class for (default: create them)");
    command->add_option("--as", options->lead, "Lead name (default: your login name)");
    command->callback([options, &context] {
        const formats::Format& format = formats::formatById(options->format);
        if (!format.canImport())
            throw UsageError("The " + options->format + " format cannot be imported.");
        auto project = openAs(options->project, options->lead);
        LabelImportOptions importOptions;
        importOptions.asPrelabels = options->prelabels;
        importOptions.createMissingClasses = !options->noNewClasses;
        const LabelImportReport report = project->importLabels(
            [&](formats::ImportSink& sink) { format.read(options->input, sink); }, importOptions);
        context.emit({{"images_in_file", report.imagesInFile},
                      {"images_matched", report.imagesMatched},
                      {"unmatched", report.unmatchedCount},
                      {"unmatched_examples", report.unmatchedImages},
                      {"shapes_in_file", report.shapesInFile},
                      {"shapes_without_image", report.shapesWithoutImage},
                      {"items_labeled", report.itemsLabeled},
                      {"annotations", report.annotations},
                      {"converted", report.converted},
                      {"classes_created", report.classesCreated},
                      {"as_prelabels", options->prelabels}},
                     [&](std::ostream& out) {
                         out << "Imported " << report.annotations << (options->prelabels ? " prelabels" : " labels")
                             << " on " << report.imagesMatched << " of " << report.imagesInFile << " images";
                         if (!report.classesCreated.empty())
                             out << "; new classes: " << report.classesCreated.size();
                         out << '\n';
                         if (report.unmatchedCount > 0) {
                             out << report.unmatchedCount << " images match no item, e.g.:\n";
                             for (const auto& reference : report.unmatchedImages)
                                 out << "  " << reference << '\n';
                         }
                     });
    });
}

struct VerifyCliOptions {
    std::string folder;
    std::string format;
};

void addVerify(CLI::App& app, const CliContext& context)
{
    auto options = std::make_shared<VerifyCliOptions>();
    auto* command = app.add_subcommand("verify-export", "Read an export back and check it");
    command->add_option("folder", options->folder, "The export folder")->required();
    command->add_option("--format,-f", options->format, "Format (default: the one export.json names)");
    command->callback([options, &context] {
        std::string id = options->format;
        if (id.empty()) {
            std::ifstream about(std::filesystem::path(options->folder) / "export.json");
            const auto json = Json::parse(about, nullptr, false);
            if (!json.is_object() || !json.contains("format"))
                throw UsageError("No export.json in " + options->folder + "; give --format.");
            id = json["format"].get<std::string>();
        }
        const auto report = formats::formatById(id).verify(options->folder);
        context.emit(verifyJson(report), [&](std::ostream& out) { printVerification(out, report); });
        if (!report.ok())
            throw pixmark::Error("The export at " + options->folder + " did not verify.");
    });
}

} // namespace

void addExchangeCommands(CLI::App& app, const CliContext& context)
{
    addExport(app, context);
    addImport(app, context);
    addVerify(app, context);
}

} // namespace pixmark::cli
