#include "core/store/project_table.h"

#include "core/errors.h"
#include "core/store/sqlite/database.h"

namespace pixmark::store {

void ProjectTable::insert(const ProjectInfo& info)
{
    // Only columns every schema version has, so files of older versions can be written
    // for migration tests; label_epoch starts at its default of 0.
    mDb.prepare("INSERT INTO project (id, uuid, name, task_type, state, instructions, instructions_url, data_root, "
                "created_at, modified_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bindAll(info.uuid, info.name, toId(info.taskType), toId(info.state), info.instructions, info.instructionsUrl,
                 info.dataRoot, info.createdAt, info.modifiedAt)
        .run();
}

ProjectInfo ProjectTable::read()
{
    auto row = mDb.prepare("SELECT uuid, name, task_type, state, instructions, instructions_url, data_root, "
                           "label_epoch, created_at, modified_at FROM project WHERE id = 1");
    if (!row.step())
        throw ProjectFileError("The project file has no project record; it is damaged.");
    ProjectInfo info;
    info.uuid = row.text(0);
    info.name = row.text(1);
    const auto type = parseTaskType(row.text(2));
    if (!type)
        throw ProjectFileError("The project file names an unknown task type \"" + row.text(2) + "\".");
    info.taskType = *type;
    info.state = row.text(3) == "paused" ? ProjectState::Paused : ProjectState::Running;
    info.instructions = row.text(4);
    info.instructionsUrl = row.text(5);
    info.dataRoot = row.text(6);
    info.labelEpoch = static_cast<int>(row.integer(7));
    info.createdAt = row.integer(8);
    info.modifiedAt = row.integer(9);
    return info;
}

void ProjectTable::setName(const std::string& name, Timestamp now)
{
    mDb.prepare("UPDATE project SET name = ?, modified_at = ? WHERE id = 1").bindAll(name, now).run();
}

void ProjectTable::setState(ProjectState state, Timestamp now)
{
    mDb.prepare("UPDATE project SET state = ?, modified_at = ? WHERE id = 1").bindAll(toId(state), now).run();
}

void ProjectTable::setInstructions(const std::string& text, const std::string& url, Timestamp now)
{
    mDb.prepare("UPDATE project SET instructions = ?, instructions_url = ?, modified_at = ? WHERE id = 1")
        .bindAll(text, url, now)
        .run();
}

void ProjectTable::setLabelEpoch(int epoch, Timestamp now)
{
    mDb.prepare("UPDATE project SET label_epoch = ?, modified_at = ? WHERE id = 1").bindAll(epoch, now).run();
}

std::string ProjectTable::settings()
{
    auto row = mDb.prepare("SELECT settings FROM project WHERE id = 1");
    return row.step() ? row.text(0) : std::string("{}");
}

void ProjectTable::setSettings(const std::string& json, Timestamp now)
{
    mDb.prepare("UPDATE project SET settings = ?, modified_at = ? WHERE id = 1").bindAll(json, now).run();
}

void ProjectTable::touch(Timestamp now)
{
    mDb.prepare("UPDATE project SET modified_at = ? WHERE id = 1").bindAll(now).run();
}

} // namespace pixmark::store
