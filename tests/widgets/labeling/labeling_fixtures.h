#pragma once
// Classification projects with real PNG images for the labeling window's tests, and a
// window driven the way a labeler drives it: through key presses on the shown window.

#include "core/project/project.h"
#include "tests/support/image_files.h"
#include "tests/support/temp_dir.h"
#include "widgets/labeling/labeling_window.h"
#include "widgets/session/project_session.h"

#include <QApplication>
#include <QTest>

#include <memory>
#include <string>

namespace pixmark::test {

/// A project "Pets" of taskType with classes Cat (1), Dog (2), Bird (3) and count PNG
/// items of width x height under img/. Closed on return; state as given.
inline std::filesystem::path makePetsProject(const TempDir& dir, int count, TaskType taskType,
                                             ProjectState state = ProjectState::Running, int width = 64,
                                             int height = 48)
{
    const auto file = dir / "pets.pixmark";
    auto project = Project::create(file, "Pets", taskType);
    project->addClass(NewClass{"Cat", "#e67e22", "1", false, "Any cat"});
    project->addClass(NewClass{"Dog", "#2980b9", "2", false, ""});
    project->addClass(NewClass{"Bird", "#27ae60", "3", false, ""});
    project->setInstructions("Tag every animal you see.\nIgnore toys.", "https://example.org/pets-guide");
    project->addItems(test::writePngItems(dir.path(), "pet", count, width, height));
    project->setState(state);
    return file;
}

/// A session and a shown, active labeling window on file, labeler set when name is given.
struct LabelingRig {
    std::unique_ptr<ProjectSession> session;
    std::unique_ptr<LabelingWindow> window;

    explicit LabelingRig(const std::filesystem::path& file, const QString& labeler = QStringLiteral("Ann"))
    {
        session = std::make_unique<ProjectSession>(Project::open(file));
        window = std::make_unique<LabelingWindow>(*session);
        window->setInteractive(false);
        window->show();
        activate();
        if (!labeler.isEmpty())
            window->setLabelerName(labeler);
    }
    ~LabelingRig() { close(); }

    /// Makes the window the active one again (a dialog may have taken activation).
    bool activate()
    {
        window->activateWindow();
        QApplication::setActiveWindow(window.get());
        return QTest::qWaitForWindowActive(window.get());
    }
    /// Waits until the page has tiles tiles and their images are decoded.
    bool waitForPage(int tiles)
    {
        return QTest::qWaitFor(
            [&] {
                return window->isReady() && window->page().tileCount() == tiles && window->pageImagesReady() &&
                       window->pendingRequests() == 0;
            },
            10000);
    }
    bool waitIdle()
    {
        return QTest::qWaitFor([&] { return window->pendingRequests() == 0; }, 10000);
    }
    void key(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QTest::keyClick(window.get(), key, modifiers);
    }
    /// Closes the window (its held items go back), then the project.
    void close()
    {
        if (window) {
            window->close();
            window.reset();
        }
        if (session) {
            session->waitForIdle();
            session.reset();
        }
    }
};

} // namespace pixmark::test
