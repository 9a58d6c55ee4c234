#pragma once
// The window Pixmark opens with: recent projects and the way to open one on the left,
// the selected project's summary on the right. Projects are opened read-only here, so
// the home window never competes with a labeling session for the project's lock.

#include "widgets/home/recent_projects.h"

#include <QMainWindow>
#include <QPointer>
#include <QStringList>

#include <memory>
#include <vector>

class QAction;
class QLabel;
class QListWidget;
class QPushButton;

namespace pixmark {

class CreateProjectWizard;
class Project;
class ProjectSummaryPanel;
class ProjectWindow;
namespace ingest {
struct SourceRequest;
}

/// Pixmark's home window. Owns its child widgets through Qt's parent chain; holds no
/// open project (each summary is read and the project closed again at once).
class HomeWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit HomeWindow(QWidget* parent = nullptr);

    /// Opens the project file read-only, shows its summary, puts it at the top of the
    /// recent projects and titles the window after it. On failure the summary panel
    /// shows the error (and, when interactive, a message box does too); returns false.
    bool openProject(const QString& filePath);

    /// Interactive (the default) allows modal dialogs; tests and screenshots turn it off
    /// so that nothing waits for a click.
    void setInteractive(bool interactive);
    bool isInteractive() const;

    /// Opens the creation wizard (or raises the open one), prefilled with dataFolder as
    /// the data source when given. The wizard deletes itself when closed; returned for tests.
    CreateProjectWizard* newProject(const QString& dataFolder = QString());
    /// The wizard while it is open, else nullptr.
    CreateProjectWizard* wizard() const;
    /// Opens a project window for a project just created (it takes the project over),
    /// adds it to the recent projects and starts ingesting sources, so the window shows
    /// the progress and labeling can start with the first items. Returns the window
    /// (it deletes itself when closed).
    ProjectWindow* openCreatedProject(std::unique_ptr<Project> project,
                                      const std::vector<ingest::SourceRequest>& sources);
    /// The project window opened last from here, while it is open.
    ProjectWindow* lastProjectWindow() const;

    /// The summary panel on the right (owned by the window).
    ProjectSummaryPanel* summaryPanel() const;
    /// Paths listed under "Recent projects", top first.
    QStringList recentProjectPaths() const;
    /// Rereads the recent projects from the settings and marks missing files; each
    /// project's progress is read in the background and shown when it arrives.
    void reloadRecentProjects();
    /// The progress line shown for a recent project ("45 of 120 labeled (38 %)"); empty
    /// until it has been read.
    QString recentProgressText(int row) const;

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    QWidget* createSidebar();
    void chooseProjectFile();
    void showSelectedRecentProject();
    void removeSelectedRecentProject();
    void showRecentProjectsMenu(const QPoint& position);
    /// Shows the project's summary; remember adds it to the recent projects.
    bool showProject(const QString& filePath, bool remember, bool reportInDialog);
    void selectRecentProject(const QString& filePath);
    void readRecentProgress();
    void showRecentProgress(const QString& filePath, qint64 labeled, qint64 total);

    RecentProjects mRecentProjects;
    QAction* mOpenAction = nullptr;
    QAction* mNewAction = nullptr;
    QAction* mRemoveRecentAction = nullptr;
    QListWidget* mRecentList = nullptr;
    QLabel* mNoRecentLabel = nullptr;
    QPushButton* mOpenButton = nullptr;
    QPushButton* mNewButton = nullptr;
    ProjectSummaryPanel* mSummaryPanel = nullptr;
    QPointer<CreateProjectWizard> mWizard;
    QPointer<ProjectWindow> mLastProjectWindow;
    bool mInteractive = true;
};

} // namespace pixmark
