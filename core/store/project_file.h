#pragma once
// Opening and creating the SQLite file of a project, with every check that turns a
// wrong or damaged file into a clear ProjectFileError instead of a crash later on.

#include "core/store/sqlite/database.h"

#include <filesystem>

namespace pixmark::store {

/// Creates a new, empty project database at schema kSchemaVersion (or targetVersion,
/// for tests of migrations). Throws ProjectFileError if the file exists.
sqlite::Database createProjectDatabase(const std::filesystem::path& file, int targetVersion);

/// Opens an existing project file: refuses files that are missing, not SQLite, not
/// Pixmark, truncated or damaged, or newer than this build; migrates older ones forward
/// unless readOnly (then an older file is refused with a message).
sqlite::Database openProjectDatabase(const std::filesystem::path& file, bool readOnly);

} // namespace pixmark::store
