#pragma once
// Manifest tables: a CSV (with a header row) or JSONL file that lists images and, in an
// optional column, each image's class. Columns are chosen by name.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace pixmark::ingest {

/// Which columns hold what.
struct ManifestColumns {
    std::string image;                ///< column with the image path (absolute or relative to the manifest)
    std::optional<std::string> label; ///< column with the class name, if any
};

struct ManifestRow {
    int line = 0;                     ///< 1-based line in the file, for messages
    std::filesystem::path image;      ///< absolute
    std::optional<std::string> label; ///< empty cells give nullopt
};

/// A row that could not be used ("line 7: no value in column \"path\"").
struct ManifestProblem {
    int line = 0;
    std::string reason;
};

struct Manifest {
    std::vector<std::string> columns; ///< in file order
    std::vector<ManifestRow> rows;
    std::vector<ManifestProblem> problems;
};

/// Reads a manifest; the format is chosen by extension (.jsonl/.ndjson: JSON lines,
/// otherwise CSV). Throws ValidationError when the file cannot be read or lacks a named
/// column; bad rows are reported in problems and skipped.
Manifest readManifest(const std::filesystem::path& file, const ManifestColumns& columns);

/// Splits one CSV record (RFC 4180 quoting) into fields. Exposed for tests.
std::vector<std::string> splitCsvRecord(const std::string& record);

} // namespace pixmark::ingest
