#pragma once
// Versioned schema migrations. A project file records its schema version in SQLite's
// user_version and Pixmark's mark in application_id; opening a file migrates it forward.

#include <string>
#include <string_view>

namespace pixmark::sqlite {
class Database;
}

namespace pixmark::store {

/// The schema version this build writes.
inline constexpr int kSchemaVersion = 7;
/// SQLite application_id of every Pixmark project ("PXMK").
inline constexpr int kApplicationId = 0x50584D4B;

/// Applies migrations from the file's version up to targetVersion in one transaction.
/// Throws ProjectFileError for a file newer than this build. targetVersion below
/// kSchemaVersion exists for tests that build files of older versions.
void migrate(sqlite::Database& db, int targetVersion = kSchemaVersion);

/// The version recorded in the file (0 for an empty database).
int schemaVersion(sqlite::Database& db);

/// Message for a file written by a newer Pixmark, naming both versions.
std::string newerVersionMessage(int fileVersion);

} // namespace pixmark::store
