#pragma once
// A labeled classification project for the project window's tests, built through core.

#include "core/project/project.h"
#include "tests/support/temp_dir.h"

#include <filesystem>
#include <string>

namespace pixmark::test {

/// "Pets", multi-class classification, classes Cat (#ff8800) and Dog (#3366cc), six
/// items a..f.jpg: ana labeled a, b as Cat and c as Dog, ben skipped d; e and f are
/// queued. Running. Closed on return.
inline std::filesystem::path makePetsProject(const TempDir& dir)
{
    const auto file = dir / "pets.pixmark";
    auto project = Project::create(file, "Pets", TaskType::ClassificationMultiClass);
    const ClassId cat = project->addClass(NewClass{"Cat", "#ff8800"});
    const ClassId dog = project->addClass(NewClass{"Dog", "#3366cc"});
    const auto ids = project->addItems(
        {Item{0, "a.jpg"}, Item{0, "b.jpg"}, Item{0, "c.jpg"}, Item{0, "d.jpg"}, Item{0, "e.jpg"}, Item{0, "f.jpg"}});
    const LabelerId ana = project->ensureLabeler("ana");
    const auto tag = [&](ItemId item, ClassId labelClass) {
        SubmissionRequest request;
        request.itemId = item;
        request.labelerId = ana;
        request.durationMs = 1500;
        request.annotations.push_back(Annotation{labelClass});
        project->submit(request);
    };
    tag(ids[0], cat);
    tag(ids[1], cat);
    tag(ids[2], dog);
    SubmissionRequest skip;
    skip.itemId = ids[3];
    skip.labelerId = project->ensureLabeler("ben");
    skip.skipped = true;
    project->submit(skip);
    return file;
}

} // namespace pixmark::test
