#include "core/store/project_file.h"

#include "core/errors.h"
#include "core/store/migrations.h"
#include "core/store/sqlite/store_error.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <system_error>

namespace pixmark::store {

namespace {

constexpr std::string_view kSqliteMagic{"SQLite format 3\0", 16};

std::string describe(const std::filesystem::path& file)
{
    return "\"" + file.string() + "\"";
}

std::uint32_t bigEndian32(const unsigned char* bytes)
{
    return (std::uint32_t{bytes[0]} << 24) | (std::uint32_t{bytes[1]} << 16) | (std::uint32_t{bytes[2]} << 8) |
           std::uint32_t{bytes[3]};
}

bool hasNonEmptyWal(const std::filesystem::path& file)
{
    std::error_code error;
    std::filesystem::path wal = file;
    wal += "-wal";
    const auto size = std::filesystem::file_size(wal, error);
    return !error && size > 0;
}

// Reads the 100-byte SQLite header and refuses what cannot be a complete project file,
// before SQLite sees it. A file cut short (copy interrupted, full disk) is caught here by
// comparing the page count in the header with the file's size.
void checkHeader(const std::filesystem::path& file)
{
    std::error_code error;
    const auto status = std::filesystem::status(file, error);
    if (error || !std::filesystem::exists(status))
        throw ProjectFileError("No project at " + describe(file) + ": the file does not exist.");
    if (!std::filesystem::is_regular_file(status))
        throw ProjectFileError(describe(file) + " is not a project file (it is a folder or a device).");
    const auto size = std::filesystem::file_size(file, error);
    if (error)
        throw ProjectFileError("Cannot read " + describe(file) + ": " + error.message());

    std::array<unsigned char, 100> header{};
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw ProjectFileError("Cannot read " + describe(file) + ": permission denied or unreadable.");
    in.read(reinterpret_cast<char*>(header.data()), header.size());
    const auto got = static_cast<std::size_t>(in.gcount());
    const std::string_view magic(reinterpret_cast<const char*>(header.data()), std::min(got, kSqliteMagic.size()));
    if (got < header.size() || magic != kSqliteMagic)
        throw ProjectFileError(describe(file) + " is not a Pixmark project (it is not an SQLite database).");

    const std::uint32_t pageSizeField = (std::uint32_t{header[16]} << 8) | header[17];
    const std::uint64_t pageSize = pageSizeField == 1 ? 65536 : pageSizeField;
    const std::uint32_t pageCount = bigEndian32(&header[28]);
    const bool pageCountValid = bigEndian32(&header[24]) == bigEndian32(&header[92]);
    if (pageCountValid && pageCount > 0 && !hasNonEmptyWal(file) && size < pageSize * pageCount)
        throw ProjectFileError(describe(file) + " is damaged: it is " + std::to_string(size) + " bytes but should be " +
                               std::to_string(pageSize * pageCount) +
                               " (the file was cut short, for example by an interrupted copy). Restore it from a "
                               "backup or a work package.");
}

void configureConnection(sqlite::Database& db, bool readOnly)
{
    db.setBusyTimeout(std::chrono::seconds(5));
    db.exec("PRAGMA foreign_keys = ON");
    if (!readOnly) {
        // Only after the file is known to be ours: WAL mode is a lasting change to a file.
        db.exec("PRAGMA journal_mode = WAL");
        // FULL makes every committed transaction durable when commit returns, which is
        // the promise a submit makes to the labeler.
        db.exec("PRAGMA synchronous = FULL");
    }
}

// Refuses a healthy SQLite file that is not ours (no Pixmark application_id).
void checkApplicationId(sqlite::Database& db, const std::filesystem::path& file)
{
    const auto applicationId = db.queryInteger("PRAGMA application_id");
    if (applicationId != kApplicationId)
        throw ProjectFileError(describe(file) +
                               " is not a Pixmark project (it is an SQLite database of another program).");
}

[[noreturn]] void rethrowAsFileError(const sqlite::StoreError& error, const std::filesystem::path& file)
{
    if (error.isCorruption())
        throw ProjectFileError(describe(file) + " is damaged and cannot be opened (" + error.sqliteMessage() +
                               "). Restore it from a backup or a work package.");
    throw ProjectFileError("Cannot open " + describe(file) + ": " + error.sqliteMessage());
}

} // namespace

sqlite::Database createProjectDatabase(const std::filesystem::path& file, int targetVersion)
{
    std::error_code error;
    if (std::filesystem::exists(file, error))
        throw ProjectFileError("A file already exists at " + describe(file) + "; open it or choose another name.");
    if (!std::filesystem::is_directory(file.parent_path().empty() ? "." : file.parent_path(), error))
        throw ProjectFileError("The folder for " + describe(file) + " does not exist.");
    try {
        auto db = sqlite::Database::open(file, sqlite::Access::Create);
        configureConnection(db, false);
        migrate(db, targetVersion);
        return db;
    } catch (const sqlite::StoreError& storeError) {
        throw ProjectFileError("Cannot create the project " + describe(file) + ": " + storeError.sqliteMessage());
    }
}

sqlite::Database openProjectDatabase(const std::filesystem::path& file, bool readOnly)
{
    checkHeader(file);
    try {
        auto db = sqlite::Database::open(file, readOnly ? sqlite::Access::ReadOnly : sqlite::Access::ReadWrite);
        db.setBusyTimeout(std::chrono::seconds(5));
        checkApplicationId(db, file);
        configureConnection(db, readOnly);
        const int version = schemaVersion(db);
        if (version > kSchemaVersion)
            throw ProjectFileError(newerVersionMessage(version));
        if (version < kSchemaVersion) {
            if (readOnly)
                throw ProjectFileError(describe(file) + " uses project format " + std::to_string(version) +
                                       " and must be upgraded to " + std::to_string(kSchemaVersion) +
                                       " first: open it once for writing.");
            migrate(db);
        }
        // Touch every table's root page: a file damaged inside (not just cut short) is
        // found now, not in the middle of someone's labeling session.
        db.exec("SELECT count(*) FROM sqlite_schema");
        db.queryInteger("SELECT (SELECT 1 FROM project LIMIT 1) + (SELECT count(*) FROM label_classes)");
        return db;
    } catch (const sqlite::StoreError& storeError) {
        rethrowAsFileError(storeError, file);
    }
}

} // namespace pixmark::store
