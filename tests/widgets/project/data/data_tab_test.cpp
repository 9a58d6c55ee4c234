#include "tests/widgets/project/data/data_fixtures.h"
#include "widgets/project/data/data_filter_bar.h"
#include "widgets/project/data/data_grid_model.h"
#include "widgets/project/data/item_view_panel.h"
#include "widgets/project/data/reject_reason_dialog.h"
#include "widgets/project/data/thumbnail_grid_view.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>

using namespace pixmark;

namespace {

struct OpenTab {
    std::unique_ptr<ProjectSession> session;
    std::unique_ptr<DataTab> tab;
    std::unique_ptr<QSignalSpy> shown;
    std::unique_ptr<QSignalSpy> finished;

    explicit OpenTab(const std::filesystem::path& file)
        : session(ProjectSession::open(test::qPath(file))), tab(std::make_unique<DataTab>(*session)),
          shown(std::make_unique<QSignalSpy>(tab.get(), &DataTab::itemsShown)),
          finished(std::make_unique<QSignalSpy>(tab.get(), &DataTab::actionFinished))
    {
        tab->setInteractive(false);
        tab->resize(1000, 700);
        tab->show();
        REQUIRE(test::waitShown(*shown));
    }
    /// Sets a combo box to the entry with this text and waits for the new result.
    void choose(QComboBox* box, const QString& text)
    {
        const int index = box->findText(text);
        REQUIRE(index >= 0);
        const int before = static_cast<int>(shown->count());
        box->setCurrentIndex(index);
        REQUIRE(test::waitShown(*shown, before));
    }
    void waitAction()
    {
        const int before = static_cast<int>(finished->count());
        REQUIRE(QTest::qWaitFor([&] { return finished->count() > before; }, 10000));
    }
    /// Closes the tab and the session, so that the file can be opened by core again.
    void close()
    {
        session->waitForIdle();
        tab.reset();
        session.reset();
    }
    QString countText() const { return tab->findChild<QLabel*>(QStringLiteral("dataCount"))->text(); }
};

} // namespace

TEST_CASE("The Data tab lists every item and filters by status, class, labeler, prelabeled and path", "[data]")
{
    test::PetsProject pets;
    OpenTab open(pets.file);
    CHECK(open.tab->itemCount() == 12);
    CHECK(open.countText().startsWith(QStringLiteral("12 item")));

    DataFilterBar* filters = open.tab->filterBar();
    REQUIRE(QTest::qWaitFor([&] { return filters->classBox()->count() == 3; }, 5000));
    open.choose(filters->categoryBox(), QStringLiteral("Needs review"));
    CHECK(open.tab->itemCount() == 5);
    CHECK(open.countText().startsWith(QStringLiteral("5 item")));

    open.choose(filters->classBox(), QStringLiteral("cat"));
    CHECK(open.tab->itemCount() == 3);
    CHECK(open.tab->model().ids() == std::vector<ItemId>{pets.items[0], pets.items[1], pets.items[2]});

    open.choose(filters->categoryBox(), QStringLiteral("Skipped"));
    open.choose(filters->classBox(), QStringLiteral("Any class"));
    CHECK(open.tab->model().ids() == std::vector<ItemId>{pets.items[5]});

    open.choose(filters->categoryBox(), QStringLiteral("All statuses"));
    open.choose(filters->prelabeledBox(), QStringLiteral("Prelabeled"));
    CHECK(open.tab->model().ids() == std::vector<ItemId>{pets.items[6]});
    open.choose(filters->prelabeledBox(), QStringLiteral("Prelabeled: any"));

    const int before = static_cast<int>(open.shown->count());
    filters->pathField()->setText(QStringLiteral("IMG-1"));
    REQUIRE(test::waitShown(*open.shown, before));
    CHECK(open.tab->model().ids() == std::vector<ItemId>{pets.items[1], pets.items[10], pets.items[11]});

    filters->pathField()->clear();
    REQUIRE(test::waitShown(*open.shown, before + 1));
    open.choose(filters->labelerBox(), QStringLiteral("Ann"));
    const std::vector<ItemId> byAnn = open.tab->model().ids();
    CHECK_FALSE(byAnn.empty());
    open.close();
    auto project = pets.reopen();
    ItemFilter filter;
    filter.labelerId = project->ensureLabeler("Ann");
    CHECK(byAnn == project->findItems(filter));
}

TEST_CASE("The Data grid fetches overviews and thumbnails for the cells on screen", "[data]")
{
    test::PetsProject pets;
    OpenTab open(pets.file);
    const DataGridModel& model = open.tab->model();
    // The first paint asks for the first page; the overviews then arrive.
    REQUIRE(QTest::qWaitFor([&] { return model.overview(0) != nullptr && model.overview(11) != nullptr; }, 5000));
    CHECK(model.overview(0)->classes == std::vector<ClassId>{pets.cat});
    CHECK(model.overview(3)->classes == std::vector<ClassId>{pets.dog});
    CHECK(model.overview(6)->prelabeled);
    CHECK(model.overview(9)->category == ItemCategory::Queued);
    CHECK(model.classColor(pets.cat) == QColor(QStringLiteral("#cc3333")));
}

TEST_CASE("Rejecting an item in the Data tab is stored in the project file with its reason", "[data]")
{
    test::PetsProject pets;
    {
        OpenTab open(pets.file);
        ThumbnailGridView* grid = open.tab->grid();
        grid->clickRow(1, Qt::NoModifier);
        CHECK(open.tab->selectedIds() == std::vector<ItemId>{pets.items[1]});
        const int shownBefore = static_cast<int>(open.shown->count());
        open.tab->rejectSelected(QStringLiteral("The cat is a fox"));
        open.waitAction();
        CHECK(open.tab->message().contains(QStringLiteral("Rejected 1 item")));

        // The item view shows the rejected submission and the reason.
        QSignalSpy loaded(open.tab->itemView(), &ItemViewPanel::itemLoaded);
        open.tab->openItem(pets.items[1]);
        REQUIRE(QTest::qWaitFor([&] { return loaded.count() > 0; }, 5000));
        const auto& history = open.tab->itemView()->history();
        REQUIRE(history.size() == 1);
        CHECK(history[0].reviewState == ReviewState::Rejected);
        QTableWidget* table = open.tab->itemView()->historyTable();
        REQUIRE(table->rowCount() == 1);
        CHECK(table->item(0, 7)->text() == QStringLiteral("The cat is a fox"));
        CHECK(table->item(0, 5)->text() == QStringLiteral("rejected"));
        CHECK_FALSE(open.tab->itemView()->findChild<QPushButton*>(QStringLiteral("itemReject"))->isEnabled());

        // The throttled refresh shows the item as rejected and keeps it selected.
        REQUIRE(test::waitShown(*open.shown, shownBefore));
        CHECK(open.tab->selectedIds() == std::vector<ItemId>{pets.items[1]});
        REQUIRE(QTest::qWaitFor([&] { return open.tab->model().overview(1) &&
                                             open.tab->model().overview(1)->category == ItemCategory::Rejected; },
                                5000));
        open.close();
    }
    auto project = pets.reopen();
    CHECK(project->currentAnnotations(pets.items[1]).empty());
    const auto history = project->itemHistory(pets.items[1]);
    REQUIRE(history.size() == 1);
    CHECK(history[0].reviewState == ReviewState::Rejected);
    CHECK(history[0].reviewNote == "The cat is a fox");
    CHECK_FALSE(history[0].current);
    CHECK(project->itemOverviews({pets.items[1]})[0].category == ItemCategory::Rejected);
    // The item is back in the queue; the others are untouched.
    CHECK(project->findItems(ItemFilter{ItemCategory::Rejected}) == std::vector<ItemId>{pets.items[1]});
    CHECK(project->currentAnnotations(pets.items[0]).size() == 1);
}

TEST_CASE("An empty rejection reason is refused with a message and changes nothing", "[data]")
{
    test::PetsProject pets;
    {
        OpenTab open(pets.file);
        open.tab->grid()->clickRow(0, Qt::NoModifier);
        open.tab->rejectSelected(QStringLiteral("   "));
        CHECK(open.tab->message().contains(QStringLiteral("reason")));
        CHECK(open.tab->findChild<QLabel*>(QStringLiteral("dataMessage"))->isVisible());
        open.close();
    }
    auto project = pets.reopen();
    CHECK(project->currentAnnotations(pets.items[0]).size() == 1);
    CHECK(project->itemHistory(pets.items[0])[0].reviewState == ReviewState::Pending);
}

TEST_CASE("The reject dialog requires a reason before it can be accepted", "[data]")
{
    RejectReasonDialog dialog(3);
    QPushButton* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    CHECK_FALSE(ok->isEnabled());
    auto* field = dialog.findChild<QPlainTextEdit*>(QStringLiteral("rejectReason"));
    field->setPlainText(QStringLiteral("  "));
    CHECK_FALSE(ok->isEnabled());
    field->setPlainText(QStringLiteral(" Loose boxes "));
    CHECK(ok->isEnabled());
    CHECK(dialog.reason() == QStringLiteral("Loose boxes"));
}

TEST_CASE("Bulk approve of a range selection approves every selected label", "[data]")
{
    test::PetsProject pets;
    {
        OpenTab open(pets.file);
        ThumbnailGridView* grid = open.tab->grid();
        grid->clickRow(1, Qt::NoModifier);
        grid->clickRow(5, Qt::ShiftModifier); // 1..5; 5 is a skip and has nothing to approve
        CHECK(grid->selection().count() == 5);
        CHECK(open.countText().contains(QStringLiteral("5 selected")));
        open.tab->approveSelected();
        open.waitAction();
        CHECK(open.tab->message().contains(QStringLiteral("Approved 4 item")));
        open.close();
    }
    auto project = pets.reopen();
    CHECK(project->findItems(ItemFilter{ItemCategory::Done}) ==
          std::vector<ItemId>{pets.items[1], pets.items[2], pets.items[3], pets.items[4]});
    CHECK(project->findItems(ItemFilter{ItemCategory::NeedsReview}) == std::vector<ItemId>{pets.items[0]});
    CHECK(project->itemHistory(pets.items[2])[0].reviewState == ReviewState::Accepted);
}

TEST_CASE("Select all and bulk reject reject every label and skip and leave queued items alone", "[data]")
{
    test::PetsProject pets;
    {
        OpenTab open(pets.file);
        open.tab->grid()->setFocus();
        QTest::keyClick(open.tab->grid(), Qt::Key_A, Qt::ControlModifier);
        CHECK(open.tab->selectedIds().size() == 12);
        open.tab->rejectSelected(QStringLiteral("Redo with the new guide"));
        open.waitAction();
        CHECK(open.tab->message().contains(QStringLiteral("Rejected 6 items"))); // five labels and a skip
        open.close();
    }
    auto project = pets.reopen();
    CHECK(project->findItems(ItemFilter{ItemCategory::Rejected}).size() == 6);
    CHECK(project->findItems(ItemFilter{ItemCategory::Skipped}).empty());
    CHECK(project->findItems(ItemFilter{ItemCategory::Queued}).size() == 6);
}

TEST_CASE("Labels submitted elsewhere show up in the Data tab without losing the selection", "[data]")
{
    test::PetsProject pets;
    OpenTab open(pets.file);
    open.tab->grid()->clickRow(8, Qt::NoModifier);
    const int before = static_cast<int>(open.shown->count());
    const ItemId item = pets.items[8];
    const ClassId dog = pets.dog;
    open.session->post(
        [item, dog](Project& project) {
            project.submit(SubmissionRequest{item, project.ensureLabeler("Bob"), 900, SubmissionOrigin::Manual, {}, false,
                                             {Annotation{dog, AnnotationKind::Tag, "", {}}}});
        },
        ProjectChange::Labels);
    REQUIRE(test::waitShown(*open.shown, before));
    CHECK(open.tab->selectedIds() == std::vector<ItemId>{item});
    REQUIRE(QTest::qWaitFor([&] { return open.tab->model().overview(8) &&
                                         open.tab->model().overview(8)->category == ItemCategory::NeedsReview; },
                            5000));
    CHECK(open.tab->model().overview(8)->classes == std::vector<ClassId>{dog});
}

TEST_CASE("Reject… asks for a reason in a dialog and rejects the selection", "[data]")
{
    test::PetsProject pets;
    {
        OpenTab open(pets.file);
        open.tab->setInteractive(true);
        open.tab->grid()->clickRow(3, Qt::NoModifier);
        open.tab->grid()->clickRow(4, Qt::ControlModifier);
        bool sawDisabledOk = false;
        // The dialog is modal: answer it from the event loop it runs.
        QTimer::singleShot(0, [&] {
            auto* dialog = qobject_cast<RejectReasonDialog*>(QApplication::activeModalWidget());
            CHECK(dialog);
            if (!dialog)
                return; // the click below then waits in vain and the test fails there
            CHECK(dialog->windowTitle() == QStringLiteral("Reject 2 items"));
            QPushButton* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
            sawDisabledOk = !ok->isEnabled();
            dialog->findChild<QPlainTextEdit*>(QStringLiteral("rejectReason"))->setPlainText(QStringLiteral("Dogs?"));
            ok->click();
        });
        open.tab->findChild<QPushButton*>(QStringLiteral("rejectSelected"))->click();
        open.waitAction();
        CHECK(sawDisabledOk);
        CHECK(open.tab->message().contains(QStringLiteral("Rejected 2 items")));
        open.close();
    }
    auto project = pets.reopen();
    CHECK(project->findItems(ItemFilter{ItemCategory::Rejected}) == std::vector<ItemId>{pets.items[3], pets.items[4]});
    CHECK(project->itemHistory(pets.items[4])[0].reviewNote == "Dogs?");
}

TEST_CASE("The item view shows the current labels and approves the item", "[data]")
{
    test::PetsProject pets;
    {
        OpenTab open(pets.file);
        ItemViewPanel* view = open.tab->itemView();
        QSignalSpy loaded(view, &ItemViewPanel::itemLoaded);
        // Enter on the current row opens it.
        open.tab->grid()->setFocus();
        open.tab->grid()->clickRow(3, Qt::NoModifier);
        QTest::keyClick(open.tab->grid(), Qt::Key_Return);
        REQUIRE(QTest::qWaitFor([&] { return loaded.count() > 0; }, 5000));
        CHECK(view->isVisible());
        CHECK(view->item() == pets.items[3]);
        REQUIRE(view->history().size() == 1);
        CHECK(view->history()[0].current);
        CHECK(view->historyTable()->item(0, 1)->text() == QStringLiteral("Ann"));
        CHECK(view->historyTable()->item(0, 8)->text() == QStringLiteral("dog"));
        CHECK(view->historyTable()->item(0, 0)->font().bold());
        const QList<QLabel*> labels = view->findChildren<QLabel*>();
        CHECK(std::any_of(labels.begin(), labels.end(), [](QLabel* label) {
            return label->text().contains(QStringLiteral("#3366cc")) && label->text().contains(QStringLiteral("dog"));
        }));

        const int before = static_cast<int>(loaded.count());
        view->findChild<QPushButton*>(QStringLiteral("itemApprove"))->click();
        open.waitAction();
        // The view reloads after the change and shows the approval.
        REQUIRE(QTest::qWaitFor([&] { return loaded.count() > before; }, 5000));
        CHECK(view->history()[0].reviewState == ReviewState::Accepted);
        open.close();
    }
    auto project = pets.reopen();
    CHECK(project->findItems(ItemFilter{ItemCategory::Done}) == std::vector<ItemId>{pets.items[3]});
}

TEST_CASE("Re-queue puts a skipped item back in the queue and refuses the others with the reason", "[data]")
{
    test::PetsProject pets;
    {
        OpenTab open(pets.file);
        ThumbnailGridView* grid = open.tab->grid();
        grid->clickRow(0, Qt::NoModifier); // labeled: not skipped
        open.tab->requeueSelected();
        open.waitAction();
        CHECK(open.tab->message().contains(QStringLiteral("Nothing was re-queued")));
        grid->clickRow(5, Qt::NoModifier); // the skip
        open.tab->requeueSelected();
        open.waitAction();
        CHECK(open.tab->message().contains(QStringLiteral("1 skipped item is back in the queue")));
        open.close();
    }
    auto project = pets.reopen();
    CHECK(project->findItems(ItemFilter{ItemCategory::Skipped}).empty());
    CHECK(project->itemOverviews({pets.items[5]}).at(0).category == ItemCategory::Queued);
}
