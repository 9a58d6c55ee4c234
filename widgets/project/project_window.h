#pragma once
// The window of one open project: Dashboard, Data and Details tabs, the Running/Paused
// toggle, ingest progress, and the "Label" action that opens labeling.

#include "core/model/package.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QLabel;
class QTabWidget;

namespace pixmark {

class DashboardTab;
class DataTab;
class DetailsTab;
class ExportDialog;
class ImportDialog;
class IngestJob;
class LabelingWindow;
class RefreshScheduler;
class ProjectSession;

/// Owns the session (and so the open project) for as long as it is open. Closing the
/// window cancels ingest, lets queued work finish and closes the project.
class ProjectWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit ProjectWindow(std::unique_ptr<ProjectSession> session, QWidget* parent = nullptr);
    ~ProjectWindow() override;

    ProjectSession& session() const;
    /// The running or last ingest job (owned by the window); nullptr before the first.
    IngestJob* ingestJob() const;
    /// Starts a new ingest job (registration and thumbnails) and shows its progress.
    /// Returns it; the window owns it.
    IngestJob* startIngestJob();

    QTabWidget* tabs() const;
    DashboardTab* dashboardTab() const;
    DataTab* dataTab() const;
    DetailsTab* detailsTab() const;
    /// The labeling window when open, else nullptr.
    LabelingWindow* labelingWindow() const;
    /// Opens (or raises) labeling; refused with a message while the project is paused.
    void openLabeling();

    /// Opens (or raises) the Export dialog; it exports on a thread of its own.
    ExportDialog* openExportDialog();
    /// Opens (or raises) the Import labels dialog.
    ImportDialog* openImportDialog();
    QAction* exportAction() const;
    QAction* importAction() const;

    /// Refreshes incremental sources when their interval has passed (owned by the window).
    RefreshScheduler* refreshScheduler() const;
    /// The "Label" action (disabled while the project is paused).
    QAction* labelAction() const;
    /// The checkable Running/Paused toggle: checked while the project runs.
    QAction* runningAction() const;
    /// The banner that explains why labeling is off; visible while paused.
    QLabel* pausedBanner() const;
    /// The banner of a work package (who it is for, where it came from); hidden in projects.
    QLabel* packageBanner() const;
    /// The project's state as last read from the session (Running until known).
    bool isPaused() const;
    /// Sets the project Running or Paused through the session.
    void setRunning(bool running);
    /// What the banner and a refused openLabeling() say.
    static QString pausedMessage();

    /// Interactive (the default) allows modal dialogs; tests and screenshots turn it off.
    void setInteractive(bool interactive);
    bool isInteractive() const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    /// Reads name and state from the project and shows them.
    void reloadInfo();
    void showState(bool paused);
    void showPackage(const std::optional<PackageInfo>& package);

    struct Parts;
    std::unique_ptr<ProjectSession> mSession;
    std::unique_ptr<Parts> mParts;
};

} // namespace pixmark
