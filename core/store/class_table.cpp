#include "core/store/class_table.h"

#include "core/store/sqlite/database.h"

namespace pixmark::store {

namespace {
constexpr const char* kClassColumns =
    "SELECT id, name, color, hotkey, position, description, archived FROM label_classes ";

LabelClass readClass(const sqlite::Statement& row)
{
    LabelClass labelClass;
    labelClass.id = row.integer(0);
    labelClass.name = row.text(1);
    labelClass.color = row.text(2);
    labelClass.hotkey = row.optionalText(3);
    labelClass.position = static_cast<int>(row.integer(4));
    labelClass.description = row.text(5);
    labelClass.archived = row.integer(6) != 0;
    return labelClass;
}

template <class Key>
std::optional<LabelClass> findOne(sqlite::Database& db, const std::string& where, const Key& key)
{
    auto row = db.prepare(kClassColumns + where);
    row.bind(1, key);
    if (!row.step())
        return std::nullopt;
    return readClass(row);
}
} // namespace

std::vector<LabelClass> ClassTable::list()
{
    std::vector<LabelClass> classes;
    auto row = mDb.prepare(std::string(kClassColumns) + "ORDER BY position, id");
    while (row.step())
        classes.push_back(readClass(row));
    return classes;
}

std::optional<LabelClass> ClassTable::find(ClassId id)
{
    return findOne(mDb, "WHERE id = ?", id);
}

std::optional<LabelClass> ClassTable::findByName(const std::string& name)
{
    return findOne(mDb, "WHERE name = ? COLLATE NOCASE", name);
}

std::optional<LabelClass> ClassTable::findByHotkey(const std::string& hotkey)
{
    return findOne(mDb, "WHERE hotkey = ?", hotkey);
}

ClassId ClassTable::insert(const LabelClass& labelClass, std::int64_t now)
{
    mDb.prepare("INSERT INTO label_classes (name, color, hotkey, position, description, archived, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bindAll(labelClass.name, labelClass.color, labelClass.hotkey, labelClass.position, labelClass.description,
                 labelClass.archived ? 1 : 0, now)
        .run();
    return mDb.lastInsertRowId();
}

void ClassTable::setName(ClassId id, const std::string& name)
{
    mDb.prepare("UPDATE label_classes SET name = ? WHERE id = ?").bindAll(name, id).run();
}

void ClassTable::setColor(ClassId id, const std::string& color)
{
    mDb.prepare("UPDATE label_classes SET color = ? WHERE id = ?").bindAll(color, id).run();
}

void ClassTable::setHotkey(ClassId id, const std::optional<std::string>& hotkey)
{
    mDb.prepare("UPDATE label_classes SET hotkey = ? WHERE id = ?").bindAll(hotkey, id).run();
}

void ClassTable::setDescription(ClassId id, const std::string& description)
{
    mDb.prepare("UPDATE label_classes SET description = ? WHERE id = ?").bindAll(description, id).run();
}

void ClassTable::setArchived(ClassId id, bool archived)
{
    mDb.prepare("UPDATE label_classes SET archived = ? WHERE id = ?").bindAll(archived ? 1 : 0, id).run();
}

void ClassTable::setPosition(ClassId id, int position)
{
    mDb.prepare("UPDATE label_classes SET position = ? WHERE id = ?").bindAll(position, id).run();
}

int ClassTable::nextPosition()
{
    return static_cast<int>(mDb.queryInteger("SELECT coalesce(max(position) + 1, 0) FROM label_classes"));
}

} // namespace pixmark::store
