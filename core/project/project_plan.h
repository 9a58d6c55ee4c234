#pragma once
// Everything the creation wizard (or a script) decides before a project exists, and the
// one function that turns it into a project file. Shared by the GUI and the CLI so both
// refuse the same input with the same words.

#include "core/ingest/source_request.h"
#include "core/model/task_type.h"
#include "core/project/project.h"
#include "core/project/workflow_settings.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pixmark {

/// A project to create: its definition, settings and data sources. A plain value.
struct ProjectPlan {
    std::string name;
    std::filesystem::path file; ///< NAME.pixmark; its folder is created when missing
    TaskType taskType = TaskType::ClassificationMultiClass;
    /// Ingested after creation by the caller (the GUI through IngestJob, so progress
    /// shows); createProjectFromPlan does not register images.
    std::vector<ingest::SourceRequest> sources;
    std::vector<NewClass> classes; ///< in order; hotkeys as typed or automatic
    std::string instructions;      ///< Markdown
    std::string instructionsUrl;   ///< optional http(s) or file link
    AssistSettings assist;
    QualitySettings quality;
};

/// "folder/NAME.pixmark" for a (validated) project name.
std::filesystem::path projectFileFor(const std::filesystem::path& folder, const std::string& name);

/// Throws ValidationError when the project file cannot be created there: not a
/// .pixmark name, the file (or its cache folder) already exists, or the location is a file.
void validateProjectFile(const std::filesystem::path& file);

/// The hotkey each class gets, index for index: its own (normalized), none when
/// noHotkey, otherwise the first automatic key (1-9, 0) no other class holds. Throws
/// ValidationError naming the class when a name is invalid or repeated, or a hotkey is
/// invalid, taken by a default action or by another class.
std::vector<std::optional<std::string>> assignClassHotkeys(const std::vector<NewClass>& classes);

/// Empty, or an http://, https:// or file:// link without spaces; ValidationError otherwise.
void validateInstructionsUrl(const std::string& url);

/// Throws ValidationError when a source's files are not there (missing folder, manifest
/// or file, empty glob pattern, manifest without an image column).
void validateSource(const ingest::SourceRequest& source);

/// Every check above plus name, settings and at least one class, without writing.
void validatePlan(const ProjectPlan& plan);

/// Validates the plan, creates the project file with its classes (their hotkeys as
/// assignClassHotkeys says), instructions and settings, and returns it open for
/// writing. On failure nothing is left behind and the error is rethrown.
std::unique_ptr<Project> createProjectFromPlan(const ProjectPlan& plan);

} // namespace pixmark
