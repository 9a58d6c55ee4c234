#pragma once
// A multi-class project with classes cat and dog, a number of items, a lead (the person
// running the tests) and labelers, for the queue, review and consensus tests.

#include "core/project/project.h"
#include "core/project/workflow_settings.h"
#include "tests/support/temp_dir.h"

#include <string>

namespace pixmark::test {

struct QueueProject {
    explicit QueueProject(int itemCount = 12, TaskType type = TaskType::ClassificationMultiClass)
        : project(Project::create(dir / "q.pixmark", "Queue", type))
    {
        cat = project->addClass({"cat"});
        dog = project->addClass({"dog"});
        std::vector<Item> newItems;
        for (int k = 0; k < itemCount; ++k)
            newItems.push_back(Item{0, "img" + std::to_string(k) + ".png"});
        items = project->addItems(newItems);
        lead = project->currentLabeler();
        ann = project->ensureLabeler("Ann");
        bob = project->ensureLabeler("Bob");
        cy = project->ensureLabeler("Cy");
    }

    SubmissionId tag(ItemId item, LabelerId who, ClassId labelClass)
    {
        return project->submit(SubmissionRequest{item, who, 500, SubmissionOrigin::Manual, {}, false,
                                                 {Annotation{labelClass, AnnotationKind::Tag, "", {}}}});
    }
    SubmissionId skip(ItemId item, LabelerId who)
    {
        return project->submit(SubmissionRequest{item, who, 300, SubmissionOrigin::Manual, {}, true, {}});
    }
    std::int64_t count(ItemCategory category) { return project->dashboard(3'600'000, 1).progress.at(category); }
    ItemCategory categoryOf(ItemId item) { return project->itemOverviews({item}).at(0).category; }

    TempDir dir;
    std::unique_ptr<Project> project;
    ClassId cat = 0;
    ClassId dog = 0;
    std::vector<ItemId> items;
    LabelerId lead = 0;
    LabelerId ann = 0;
    LabelerId bob = 0;
    LabelerId cy = 0;
};

inline std::vector<ItemId> idsOf(const Task& task)
{
    std::vector<ItemId> ids;
    for (const Item& item : task.items)
        ids.push_back(item.id);
    return ids;
}

} // namespace pixmark::test
