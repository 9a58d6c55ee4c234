// ML assist's background runs from the dashboard: Train now starts the registered runner on
// a thread of its own with a worker connection, the project keeps answering while it runs,
// progress and the outcome reach the panel, Cancel stops it, and a run starts by itself
// when the schedule says one is due. The runner here stands in for ml/assist's pipeline
// (tested in tests/ml) at the boundary the application registers it through; it writes
// real runs to the real project file.

#include "core/project/workflow_settings.h"
#include "tests/widgets/project/pets_project.h"
#include "widgets/project/dashboard/assist_panel.h"
#include "widgets/project/dashboard/dashboard_tab.h"
#include "widgets/session/assist_worker.h"
#include "widgets/session/pipeline_runner.h"
#include "widgets/session/project_session.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

using namespace pixmark;

namespace {

/// A runner that records a training run, reports progress and waits to be released or
/// cancelled; a grouping job only records its run. Registered for one test.
struct ScriptedRunner {
    std::atomic<int> calls{0}; ///< trainings
    std::atomic<int> groupings{0};
    std::atomic<bool> inside{false};
    std::atomic<bool> release{false};
    std::string note; ///< what a training returns; set before it starts

    ScriptedRunner()
    {
        setPipelineRunner([this](Project& project, PipelineJob job, const ProgressCallback& progress,
                                 const CancelToken& cancel) {
            if (job == PipelineJob::GroupSimilar) {
                ++groupings;
                const RunId run = project.startRun(RunKind::Featurization, 0, R"({"features":"thumbnails"})");
                project.finishRun(run, RunOutcome{RunStatus::Succeeded, R"({"clusters":1})", "", ""});
                return std::string();
            }
            ++calls;
            const auto labels = project.itemCounts()[ItemStatus::Labeled];
            const RunId run = project.startRun(RunKind::Training, 0, R"({"labels":)" + std::to_string(labels) + "}");
            inside = true;
            for (int step = 0; !release && !cancel.isCancelled(); ++step) {
                progress(step % 100, 100, "training");
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
            inside = false;
            project.finishRun(run, RunOutcome{cancel.isCancelled() ? RunStatus::Cancelled : RunStatus::Succeeded,
                                              R"({"held_out_accuracy":0.9,"trained_on":3,"held_out":1})", "", ""});
            return note;
        });
    }
    ~ScriptedRunner() { setPipelineRunner({}); }
};

QPushButton* button(QWidget& tab, const char* name)
{
    auto* found = tab.findChild<QPushButton*>(QString::fromLatin1(name));
    REQUIRE(found);
    return found;
}

} // namespace

TEST_CASE("Train now runs in the background while the project keeps answering", "[dashboard][assist]")
{
    ScriptedRunner runner;
    test::TempDir dir;
    ProjectSession session(Project::open(test::makePetsProject(dir)));
    DashboardTab tab(session);
    tab.assistWorker().setAutomatic(false);
    REQUIRE(QTest::qWaitFor([&] { return tab.refreshCount() > 0; }, 5000));
    QSignalSpy finished(&tab.assistWorker(), &AssistWorker::finished);

    REQUIRE(button(tab, "trainNow")->isEnabled());
    CHECK_FALSE(button(tab, "cancelRun")->isEnabled());
    QTest::mouseClick(button(tab, "trainNow"), Qt::LeftButton);
    REQUIRE(QTest::qWaitFor([&] { return runner.inside.load(); }, 5000));
    CHECK_FALSE(button(tab, "trainNow")->isEnabled());
    CHECK(button(tab, "cancelRun")->isEnabled());

    // While it trains, the project thread serves requests.
    bool answered = false;
    session.run(&tab, [](Project& project) { return project.itemCounts()[ItemStatus::Labeled]; },
                [&](std::int64_t labeled) { answered = labeled == 3; });
    REQUIRE(QTest::qWaitFor([&] { return answered; }, 5000));
    REQUIRE(QTest::qWaitFor([&] { return tab.assistPanel().runText().startsWith(QStringLiteral("Training:")); }, 5000));

    runner.release = true;
    REQUIRE(QTest::qWaitFor([&] { return finished.count() == 1; }, 5000));
    CHECK(finished.at(0).at(0).toBool());
    CHECK(tab.assistPanel().runText().contains(QStringLiteral("finished")));
    // The dashboard reads what the run wrote through its own connection (while it ran, and
    // again once it finished).
    REQUIRE(QTest::qWaitFor([&] { return tab.assistPanel().statusOf(1) == QStringLiteral("done"); }, 5000));
    CHECK(tab.assistPanel().runCount() == 1);
    CHECK(runner.calls == 1);
    CHECK(button(tab, "trainNow")->isEnabled());

    // A run that did less than asked says why (self-training without a prelabel to learn from).
    runner.note = "No student was trained: the first model accepted no prelabel to learn from.";
    QTest::mouseClick(button(tab, "trainNow"), Qt::LeftButton);
    REQUIRE(QTest::qWaitFor([&] { return finished.count() == 2; }, 5000));
    CHECK(finished.at(1).at(0).toBool());
    CHECK(tab.assistPanel().runText() ==
          QStringLiteral("The last run finished: what it found is in the queue. ") + QString::fromStdString(runner.note));
}

TEST_CASE("Cancel stops a background run and it is recorded as cancelled", "[dashboard][assist]")
{
    ScriptedRunner runner;
    test::TempDir dir;
    ProjectSession session(Project::open(test::makePetsProject(dir)));
    DashboardTab tab(session);
    tab.assistWorker().setAutomatic(false);
    QSignalSpy finished(&tab.assistWorker(), &AssistWorker::finished);
    QTest::mouseClick(button(tab, "trainNow"), Qt::LeftButton);
    REQUIRE(QTest::qWaitFor([&] { return runner.inside.load(); }, 5000));
    QTest::mouseClick(button(tab, "cancelRun"), Qt::LeftButton);
    REQUIRE(QTest::qWaitFor([&] { return finished.count() == 1; }, 5000));
    CHECK_FALSE(finished.at(0).at(0).toBool());
    CHECK(tab.assistPanel().runText().contains(QStringLiteral("Cancelled")));
    REQUIRE(QTest::qWaitFor([&] { return tab.assistPanel().statusOf(1) == QStringLiteral("cancelled"); }, 5000));
    CHECK(tab.assistPanel().runCount() == 1);
}

TEST_CASE("A run starts by itself once the labels reach the schedule, and only once", "[dashboard][assist]")
{
    ScriptedRunner runner;
    runner.release = true; // each run finishes at once
    test::TempDir dir;
    const auto file = test::makePetsProject(dir);
    {
        auto project = Project::open(file);
        setAssistSettings(*project, AssistSettings{true, 10, 50});
        std::vector<Item> more;
        for (int i = 0; i < 10; ++i)
            more.push_back(Item{0, "more" + std::to_string(i) + ".jpg"});
        project->addItems(more);
    }
    ProjectSession session(Project::open(file));
    DashboardTab tab(session);
    QSignalSpy finished(&tab.assistWorker(), &AssistWorker::finished);
    const auto labelOne = [&] {
        bool done = false;
        session.run(
            &tab,
            [](Project& project) {
                SubmissionRequest request;
                request.itemId = project.items(ItemStatus::Unlabeled, 1).at(0).id;
                request.labelerId = project.currentLabeler();
                request.annotations.push_back(Annotation{project.classNamed("Cat").id});
                project.submit(request);
            },
            [&] { done = true; }, {}, ProjectChange::Labels);
        REQUIRE(QTest::qWaitFor([&] { return done; }, 5000));
    };
    // No model yet: on opening, the unlabeled items are grouped into pages of similar
    // images, once.
    REQUIRE(QTest::qWaitFor([&] { return finished.count() == 1; }, 5000));
    CHECK(runner.groupings == 1);
    for (int i = 0; i < 6; ++i) // 3 + 6 = 9 labels: not due yet
        labelOne();
    QTest::qWait(300);
    CHECK(runner.calls == 0);
    CHECK(runner.groupings == 1);
    labelOne(); // the tenth
    REQUIRE(QTest::qWaitFor([&] { return finished.count() == 2; }, 5000));
    CHECK(runner.calls == 1);
    CHECK(runner.groupings == 1);
    labelOne(); // 11: the next training is at 10 + 50
    QTest::qWait(300);
    CHECK(runner.calls == 1);
    REQUIRE(QTest::qWaitFor([&] { return tab.assistPanel().scheduleText().contains(QStringLiteral("Retraining at 60")); },
                            5000));
}

TEST_CASE("Without an ML engine, Train now is off and says why", "[dashboard][assist]")
{
    setPipelineRunner({});
    test::TempDir dir;
    ProjectSession session(Project::open(test::makePetsProject(dir)));
    DashboardTab tab(session);
    CHECK_FALSE(button(tab, "trainNow")->isEnabled());
    CHECK(button(tab, "trainNow")->toolTip().contains(QStringLiteral("no ML engine")));
    QSignalSpy finished(&tab.assistWorker(), &AssistWorker::finished);
    CHECK_FALSE(tab.assistWorker().start());
    REQUIRE(finished.count() == 1);
    CHECK(finished.at(0).at(1).toString().contains(QStringLiteral("no ML engine")));
}
