#pragma once
// A small labeled project with real images and thumbnails for the Data tab tests.

#include "core/cache/cache_jobs.h"
#include "core/cache/thumbnail_cache.h"
#include "core/project/project.h"
#include "core/project/workflow_settings.h"
#include "tests/support/image_files.h"
#include "tests/support/temp_dir.h"
#include "tests/widgets/widget_fixtures.h"
#include "widgets/project/data/data_tab.h"
#include "widgets/session/project_session.h"

#include <QSignalSpy>
#include <QTest>

#include <catch2/catch.hpp>

#include <string>

namespace pixmark::test {

/// A classification project "Pets" (review required) with twelve PNGs img-0 .. img-11:
/// Ann labeled 0-2 cat and 3-4 dog, skipped 5; 6 has a cat suggestion; 7-11 are queued.
/// Thumbnails are built. The project is closed on return.
struct PetsProject {
    TempDir dir;
    std::filesystem::path file = dir / "pets.pixmark";
    std::vector<ItemId> items;
    ClassId cat = 0;
    ClassId dog = 0;

    PetsProject()
    {
        auto project = Project::create(file, "Pets", TaskType::ClassificationMultiClass);
        cat = project->addClass(NewClass{"cat", "#cc3333"});
        dog = project->addClass(NewClass{"dog", "#3366cc"});
        setQualitySettings(*project, QualitySettings{false, 1, true});
        std::vector<Item> newItems;
        for (int i = 0; i < 12; ++i) {
            const std::string name = "images/img-" + std::to_string(i) + ".png";
            writePng(dir / name, 96 + i * 8, 64 + i * 4, i);
            Item item;
            item.relativePath = name;
            item.format = "png";
            item.bytes = static_cast<std::int64_t>(std::filesystem::file_size(dir / name));
            item.width = 96 + i * 8;
            item.height = 64 + i * 4;
            item.channels = 1;
            newItems.push_back(item);
        }
        items = project->addItems(newItems);
        const LabelerId ann = project->ensureLabeler("Ann");
        for (int i = 0; i < 6; ++i) {
            SubmissionRequest request{items[static_cast<std::size_t>(i)], ann, 1500, SubmissionOrigin::Manual, {},
                                      i == 5, {}};
            if (i < 5)
                request.annotations.push_back(Annotation{i < 3 ? cat : dog, AnnotationKind::Tag, "", {}});
            project->submit(request);
        }
        project->importTags({ImportedTag{items[6], cat}}, false);
        cache::ThumbnailCache(project->cacheFolder()).build(cache::readableImages(*project), {}, 1);
    }

    /// Reopens the file with core (after the session closed it).
    std::unique_ptr<Project> reopen() const { return Project::open(file); }
};

/// Waits until the tab has shown a filter result after spy was made.
inline bool waitShown(QSignalSpy& spy, int previous = 0)
{
    return QTest::qWaitFor([&] { return spy.count() > previous; }, 10000);
}

} // namespace pixmark::test
