#include "core/store/migrations.h"

#include "core/errors.h"
#include "core/store/sqlite/database.h"
#include "core/store/sqlite/transaction.h"

#include <array>
#include <string>

namespace pixmark::store {

namespace {

struct Migration {
    int toVersion;
    std::string_view sql;
};

constexpr std::array kMigrations{
    Migration{1,
#include "core/store/schema_v1.sql.inc"
    },
    Migration{2,
#include "core/store/schema_v2.sql.inc"
    },
    Migration{3,
#include "core/store/schema_v3.sql.inc"
    },
    Migration{4,
#include "core/store/schema_v4.sql.inc"
    },
    Migration{5,
#include "core/store/schema_v5.sql.inc"
    },
    Migration{6,
#include "core/store/schema_v6.sql.inc"
    },
    Migration{7,
#include "core/store/schema_v7.sql.inc"
    },
};
static_assert(kMigrations.back().toVersion == kSchemaVersion);

} // namespace

int schemaVersion(sqlite::Database& db)
{
    return static_cast<int>(db.queryInteger("PRAGMA user_version"));
}

std::string newerVersionMessage(int fileVersion)
{
    return "This project was written by a newer version of Pixmark (project format " + std::to_string(fileVersion) +
           "); this Pixmark reads formats up to " + std::to_string(kSchemaVersion) +
           ". Update Pixmark to open it.";
}

void migrate(sqlite::Database& db, int targetVersion)
{
    const int current = schemaVersion(db);
    if (current > kSchemaVersion)
        throw ProjectFileError(newerVersionMessage(current));
    if (current >= targetVersion)
        return;
    sqlite::Transaction transaction(db);
    for (const Migration& migration : kMigrations) {
        if (migration.toVersion <= current || migration.toVersion > targetVersion)
            continue;
        db.exec(migration.sql);
    }
    // PRAGMA cannot take bound parameters; both values are integers we control.
    db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    db.exec("PRAGMA user_version = " + std::to_string(targetVersion));
    transaction.commit();
}

} // namespace pixmark::store
