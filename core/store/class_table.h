#pragma once
// SQL for label classes.

#include "core/model/label_class.h"

#include <vector>

namespace pixmark::sqlite {
class Database;
}

namespace pixmark::store {

/// Label class rows, ordered by position. Holds a reference to the caller's Database.
class ClassTable {
public:
    explicit ClassTable(sqlite::Database& db) : mDb(db) {}

    std::vector<LabelClass> list();
    std::optional<LabelClass> find(ClassId id);
    /// Class (archived or not) whose name equals name ignoring case.
    std::optional<LabelClass> findByName(const std::string& name);
    std::optional<LabelClass> findByHotkey(const std::string& hotkey);
    ClassId insert(const LabelClass& labelClass, std::int64_t now);
    void setName(ClassId id, const std::string& name);
    void setColor(ClassId id, const std::string& color);
    void setHotkey(ClassId id, const std::optional<std::string>& hotkey);
    void setDescription(ClassId id, const std::string& description);
    void setArchived(ClassId id, bool archived);
    void setPosition(ClassId id, int position);
    int nextPosition();

private:
    sqlite::Database& mDb;
};

} // namespace pixmark::store
