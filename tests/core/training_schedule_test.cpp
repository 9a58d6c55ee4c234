// When ML assist trains next: the task type's defaults, the first training after the
// project's minimum, retraining after every N new labels from the newest finished training.

#include "core/project/project.h"
#include "core/project/training_schedule.h"
#include "core/project/workflow_settings.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

using namespace pixmark;

namespace {

struct Labeled {
    test::TempDir dir;
    std::unique_ptr<Project> project;
    ClassId tag = 0;
    std::vector<ItemId> items;

    explicit Labeled(TaskType type = TaskType::ClassificationMultiClass)
        : project(Project::create(dir / "p.pixmark", "P", type)), tag(project->addClass({"a"}))
    {
        std::vector<Item> toAdd;
        for (int k = 0; k < 40; ++k)
            toAdd.push_back(Item{0, std::to_string(k) + ".png"});
        items = project->addItems(toAdd);
    }
    void label(int count)
    {
        for (int k = 0; k < count; ++k) {
            const ItemId item = project->items(ItemStatus::Unlabeled, 1).at(0).id;
            project->submit(SubmissionRequest{item, project->currentLabeler(), 0, SubmissionOrigin::Manual, {}, false,
                                              {Annotation{tag, AnnotationKind::Tag, "", {}}}});
        }
    }
    void trainingOn(int labels, RunStatus status = RunStatus::Succeeded)
    {
        const RunId run = project->startRun(RunKind::Training, 0, R"({"labels":)" + std::to_string(labels) + "}");
        project->finishRun(run, RunOutcome{status, "{}", "", ""});
    }
};

} // namespace

TEST_CASE("The task type sets when ML assist starts and retrains", "[assist][workflow]")
{
    CHECK(defaultAssistSettings(TaskType::ClassificationMultiLabel).startAfterLabels == 100);
    CHECK(defaultAssistSettings(TaskType::ObjectDetection).startAfterLabels == 50);
    CHECK(defaultAssistSettings(TaskType::SemanticSegmentation).retrainEvery == 30);
    Labeled boxes(TaskType::InstanceSegmentation);
    CHECK(assistSettingsOf(*boxes.project).startAfterLabels == 50);
    CHECK(trainingScheduleOf(*boxes.project).nextAt == 50);
}

TEST_CASE("The first training is due at the minimum, then after every N new labels", "[assist][workflow]")
{
    Labeled p;
    setAssistSettings(*p.project, AssistSettings{true, 20, 10});
    p.label(15);
    TrainingSchedule schedule = trainingScheduleOf(*p.project);
    CHECK(schedule.labels == 15);
    CHECK(schedule.lastTrainedOn == 0);
    CHECK(schedule.nextAt == 20);
    CHECK(schedule.remaining() == 5);
    CHECK(schedule.progress() == Approx(0.75));
    CHECK_FALSE(schedule.isDue());

    p.label(5);
    CHECK(trainingScheduleOf(*p.project).isDue());

    // A failed training does not count; a finished one moves the next one on.
    p.trainingOn(20, RunStatus::Failed);
    CHECK(trainingScheduleOf(*p.project).isDue());
    p.trainingOn(20);
    schedule = trainingScheduleOf(*p.project);
    CHECK(schedule.lastTrainedOn == 20);
    CHECK(schedule.nextAt == 30);
    CHECK(schedule.progress() == Approx(0.0));
    CHECK_FALSE(schedule.isDue());
    p.label(10);
    CHECK(trainingScheduleOf(*p.project).isDue());

    // Switched off, nothing is ever due; the numbers stay.
    setAssistSettings(*p.project, AssistSettings{false, 20, 10});
    schedule = trainingScheduleOf(*p.project);
    CHECK_FALSE(schedule.isDue());
    CHECK(schedule.labels == 30);
}

TEST_CASE("Before any model, grouping by look is due once for classification", "[assist][workflow]")
{
    Labeled p;
    CHECK(trainingScheduleOf(*p.project).groupingDue);
    p.label(3);
    CHECK(trainingScheduleOf(*p.project).groupingDue);
    // A failed grouping leaves it due (the worker waits before trying again); a finished one ends it.
    const RunId failed = p.project->startRun(RunKind::Featurization, 0, "{}");
    p.project->finishRun(failed, RunOutcome{RunStatus::Failed, "{}", "", "no cache"});
    CHECK(trainingScheduleOf(*p.project).groupingDue);
    const RunId grouped = p.project->startRun(RunKind::Featurization, 0, R"({"features":"thumbnails"})");
    p.project->finishRun(grouped, RunOutcome{RunStatus::Succeeded, "{}", "", ""});
    CHECK_FALSE(trainingScheduleOf(*p.project).groupingDue);

    Labeled trained; // after a training its embeddings group the pages
    trained.trainingOn(10);
    CHECK_FALSE(trainingScheduleOf(*trained.project).groupingDue);
    Labeled off;
    setAssistSettings(*off.project, AssistSettings{false, 20, 10});
    CHECK_FALSE(trainingScheduleOf(*off.project).groupingDue);
    Labeled done;
    done.label(40); // nothing left unlabeled
    CHECK_FALSE(trainingScheduleOf(*done.project).groupingDue);
    Labeled boxes(TaskType::ObjectDetection); // one item at a time on a canvas: no pages
    CHECK_FALSE(trainingScheduleOf(*boxes.project).groupingDue);
}

TEST_CASE("Retraining settings are checked and kept", "[assist][workflow]")
{
    Labeled p;
    CHECK_THROWS_WITH(setAssistSettings(*p.project, AssistSettings{true, 100, 5}),
                      Catch::Contains("retrains after between 10 and 100,000 new labels"));
    setAssistSettings(*p.project, AssistSettings{true, 100, 250});
    const auto file = p.project->file();
    p.project.reset();
    CHECK(assistSettingsOf(*Project::open(file)).retrainEvery == 250);
}
