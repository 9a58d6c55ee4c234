#include "core/project/project_impl_p.h"
#include "core/project/naming_rules.h"
#include "core/store/sqlite/transaction.h"
#include "core/util/clock.h"

#include <algorithm>

namespace pixmark {

std::vector<LabelClass> Project::classes()
{
    return mImpl->classes.list();
}

LabelClass Project::labelClass(ClassId id)
{
    return mImpl->requireClass(id);
}

LabelClass Project::classNamed(const std::string& name)
{
    auto found = mImpl->classes.findByName(name);
    if (!found)
        throw NotFoundError("There is no class named \"" + name + "\" in this project.");
    return *found;
}

bool Project::hasLabels()
{
    return mImpl->submissions.anyLabelInEpoch(info().labelEpoch);
}

std::vector<ClassId> Project::addClasses(const std::vector<NewClass>& newClasses, std::optional<LabelResetMode> mode)
{
    mImpl->requireWritable();
    requireLead("add classes");
    const auto now = nowMs();
    const LabelerId who = currentLabeler();
    sqlite::Transaction transaction(mImpl->db);
    const int epoch = info().labelEpoch;
    const bool labeled = mImpl->submissions.anyLabelInEpoch(epoch);
    if (labeled && !mode)
        throw ConflictError("This project already has " + std::to_string(mImpl->submissions.countLabeledItems(epoch)) +
                            " labeled items. Choose what happens to their labels: start over, start over keeping "
                            "them as suggestions, or continue keeping them.");

    std::vector<ClassId> ids;
    for (const NewClass& newClass : newClasses) {
        LabelClass labelClass;
        labelClass.name = validateClassName(newClass.name);
        mImpl->requireUniqueName(labelClass.name, std::nullopt);
        const int position = mImpl->classes.nextPosition();
        labelClass.color = newClass.color ? normalizeColor(*newClass.color)
                                          : paletteColor(static_cast<std::size_t>(position));
        if (newClass.hotkey)
            labelClass.hotkey = mImpl->checkedHotkey(*newClass.hotkey, std::nullopt);
        else if (!newClass.noHotkey)
            labelClass.hotkey = mImpl->firstFreeHotkey();
        labelClass.position = position;
        labelClass.description = newClass.description;
        ids.push_back(mImpl->classes.insert(labelClass, now));
        mImpl->logEdit("class-added", Json{{"id", ids.back()}, {"name", labelClass.name}}, now, who);
    }

    if (labeled && mode != LabelResetMode::Continue) {
        // History stays: a new epoch simply stops older submissions from counting. Only
        // "keep as suggestions" needs the labels themselves.
        std::size_t itemCount = 0;
        if (mode == LabelResetMode::StartOverKeepSuggestions) {
            const auto existingLabels = mImpl->submissions.currentLabels(epoch);
            itemCount = existingLabels.size();
            for (const auto& [itemId, annotations] : existingLabels)
                for (const Annotation& annotation : annotations)
                    mImpl->suggestions.insert(itemId, annotation, "previous-label", now);
        } else {
            itemCount = static_cast<std::size_t>(mImpl->submissions.countLabeledItems(epoch));
        }
        mImpl->project.setLabelEpoch(epoch + 1, now);
        mImpl->items.resetLabeledToUnlabeled();
        mImpl->logEdit("labels-reset",
                       Json{{"epoch", epoch + 1},
                            {"items", itemCount},
                            {"kept_as_suggestions", mode == LabelResetMode::StartOverKeepSuggestions}},
                       now, who);
    }
    transaction.commit();
    return ids;
}

ClassId Project::addClass(const NewClass& newClass, std::optional<LabelResetMode> mode)
{
    return addClasses({newClass}, mode).front();
}

void Project::renameClass(ClassId id, const std::string& name)
{
    mImpl->requireWritable();
    requireLead("rename classes");
    const std::string valid = validateClassName(name);
    sqlite::Transaction transaction(mImpl->db);
    const LabelClass before = mImpl->requireClass(id);
    mImpl->requireUniqueName(valid, id);
    mImpl->classes.setName(id, valid);
    mImpl->logEdit("class-renamed", Json{{"id", id}, {"from", before.name}, {"to", valid}}, nowMs(),
                   currentLabeler());
    transaction.commit();
}

void Project::recolorClass(ClassId id, const std::string& color)
{
    mImpl->requireWritable();
    requireLead("change class colors");
    const std::string valid = normalizeColor(color);
    sqlite::Transaction transaction(mImpl->db);
    mImpl->requireClass(id);
    mImpl->classes.setColor(id, valid);
    mImpl->logEdit("class-recolored", Json{{"id", id}, {"color", valid}}, nowMs(), currentLabeler());
    transaction.commit();
}

void Project::setClassHotkey(ClassId id, const std::optional<std::string>& hotkey)
{
    mImpl->requireWritable();
    requireLead("change class keys");
    sqlite::Transaction transaction(mImpl->db);
    const LabelClass labelClass = mImpl->requireClass(id);
    std::optional<std::string> normal;
    if (hotkey) {
        if (labelClass.archived)
            throw ConflictError("The class \"" + labelClass.name + "\" is archived; unarchive it to give it a hotkey.");
        normal = mImpl->checkedHotkey(*hotkey, id);
    }
    mImpl->classes.setHotkey(id, normal);
    mImpl->logEdit("class-hotkey-changed", Json{{"id", id}, {"hotkey", normal ? Json(*normal) : Json()}}, nowMs(),
                   currentLabeler());
    transaction.commit();
}

void Project::setClassDescription(ClassId id, const std::string& description)
{
    mImpl->requireWritable();
    requireLead("describe classes");
    sqlite::Transaction transaction(mImpl->db);
    mImpl->requireClass(id);
    mImpl->classes.setDescription(id, description);
    mImpl->logEdit("class-described", Json{{"id", id}}, nowMs(), currentLabeler());
    transaction.commit();
}

void Project::archiveClass(ClassId id, bool archived)
{
    mImpl->requireWritable();
    requireLead("archive classes");
    sqlite::Transaction transaction(mImpl->db);
    mImpl->requireClass(id);
    mImpl->classes.setArchived(id, archived);
    if (archived)
        mImpl->classes.setHotkey(id, std::nullopt);
    mImpl->logEdit(archived ? "class-archived" : "class-unarchived", Json{{"id", id}}, nowMs(), currentLabeler());
    transaction.commit();
}

void Project::moveClass(ClassId id, int newIndex)
{
    mImpl->requireWritable();
    requireLead("reorder classes");
    sqlite::Transaction transaction(mImpl->db);
    auto all = mImpl->classes.list();
    auto it = std::find_if(all.begin(), all.end(), [id](const LabelClass& c) { return c.id == id; });
    if (it == all.end())
        throw NotFoundError("There is no class with id " + std::to_string(id) + " in this project.");
    if (newIndex < 0 || newIndex >= static_cast<int>(all.size()))
        throw ValidationError("Position " + std::to_string(newIndex + 1) + " is outside 1.." +
                              std::to_string(all.size()) + ".");
    const LabelClass moved = *it;
    all.erase(it);
    all.insert(all.begin() + newIndex, moved);
    for (std::size_t i = 0; i < all.size(); ++i)
        if (all[i].position != static_cast<int>(i))
            mImpl->classes.setPosition(all[i].id, static_cast<int>(i));
    mImpl->logEdit("class-moved", Json{{"id", id}, {"index", newIndex}}, nowMs(), currentLabeler());
    transaction.commit();
}

} // namespace pixmark
