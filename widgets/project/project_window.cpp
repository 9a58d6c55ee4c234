#include "widgets/project/project_window.h"

#include "widgets/labeling/labeling_window.h"
#include "widgets/project/dashboard/dashboard_tab.h"
#include "widgets/project/data/data_tab.h"
#include "widgets/project/details/details_tab.h"
#include "widgets/project/exchange/export_dialog.h"
#include "widgets/project/exchange/import_dialog.h"
#include "widgets/project/refresh_scheduler.h"
#include "widgets/session/ingest_job.h"
#include "widgets/session/project_session.h"

#include <QAction>
#include <QCloseEvent>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace pixmark {

struct ProjectWindow::Parts {
    QTabWidget* tabs = nullptr;
    DashboardTab* dashboard = nullptr;
    DataTab* data = nullptr;
    DetailsTab* details = nullptr;
    IngestJob* ingest = nullptr;
    QPointer<LabelingWindow> labeling;
    QPointer<ExportDialog> exportDialog;
    QPointer<ImportDialog> importDialog;
    QAction* exportAction = nullptr;
    QAction* importAction = nullptr;
    QLabel* ingestText = nullptr;
    QProgressBar* ingestBar = nullptr;
    QAction* label = nullptr;
    QAction* running = nullptr;
    QLabel* banner = nullptr;
    QLabel* packageBanner = nullptr;
    RefreshScheduler* scheduler = nullptr;
    QString name;
    bool paused = false;
    bool interactive = true;
};

ProjectWindow::ProjectWindow(std::unique_ptr<ProjectSession> session, QWidget* parent)
    : QMainWindow(parent), mSession(std::move(session)), mParts(std::make_unique<Parts>())
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(QFileInfo(mSession->filePath()).completeBaseName());
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    mParts->banner = new QLabel(pausedMessage(), central);
    mParts->banner->setObjectName(QStringLiteral("pausedBanner"));
    mParts->banner->setWordWrap(true);
    mParts->banner->setStyleSheet(
        QStringLiteral("QLabel#pausedBanner { background: #fff4d6; color: #6b4d00; border-bottom: 1px solid #e6c96a;"
                       " padding: 8px 12px; font-weight: bold; }"));
    mParts->banner->hide();
    layout->addWidget(mParts->banner);
    mParts->packageBanner = new QLabel(central);
    mParts->packageBanner->setObjectName(QStringLiteral("packageBanner"));
    mParts->packageBanner->setWordWrap(true);
    mParts->packageBanner->setStyleSheet(
        QStringLiteral("QLabel#packageBanner { background: #e8f0fd; color: #1f3f7a; border-bottom: 1px solid #b7cbef;"
                       " padding: 8px 12px; }"));
    mParts->packageBanner->hide();
    layout->addWidget(mParts->packageBanner);

    mParts->tabs = new QTabWidget(central);
    mParts->dashboard = new DashboardTab(*mSession, mParts->tabs);
    mParts->data = new DataTab(*mSession, mParts->tabs);
    mParts->details = new DetailsTab(*mSession, *this, mParts->tabs);
    mParts->tabs->addTab(mParts->dashboard, tr("Dashboard"));
    mParts->tabs->addTab(mParts->data, tr("Data"));
    mParts->tabs->addTab(mParts->details, tr("Details"));
    layout->addWidget(mParts->tabs, 1);
    setCentralWidget(central);

    auto* toolbar = addToolBar(tr("Project"));
    toolbar->setObjectName(QStringLiteral("projectToolbar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    mParts->label = toolbar->addAction(tr("Label"), this, &ProjectWindow::openLabeling);
    mParts->label->setObjectName(QStringLiteral("labelAction"));
    mParts->label->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    mParts->label->setToolTip(tr("Open labeling (Ctrl+L)"));
    // The one action most people come for: a large accent button, not a plain tool button.
    if (auto* button = qobject_cast<QToolButton*>(toolbar->widgetForAction(mParts->label))) {
        button->setObjectName(QStringLiteral("labelButton"));
        button->setStyleSheet(
            QStringLiteral("QToolButton#labelButton { background: #2f6fde; color: white; font-weight: bold;"
                           " padding: 6px 28px; border-radius: 4px; margin: 4px; }"
                           "QToolButton#labelButton:hover { background: #255bbd; }"
                           "QToolButton#labelButton:disabled { background: #b8c4d8; color: #eef1f6; }"));
    }
    toolbar->addSeparator();
    mParts->running = toolbar->addAction(tr("Running"));
    mParts->running->setObjectName(QStringLiteral("runningAction"));
    mParts->running->setCheckable(true);
    mParts->running->setChecked(true);
    mParts->running->setToolTip(tr("Running: people can label. Paused: labeling is off for everyone."));
    if (auto* button = qobject_cast<QToolButton*>(toolbar->widgetForAction(mParts->running))) {
        button->setObjectName(QStringLiteral("runningButton"));
        button->setStyleSheet(QStringLiteral(
            "QToolButton#runningButton { background: #fff4d6; color: #6b4d00; border: 1px solid #e6c96a;"
            " border-radius: 10px; padding: 3px 12px; margin: 4px; }"
            "QToolButton#runningButton:checked { background: #e3f2e6; color: #1d6b32; border-color: #9fd3ab; }"));
    }
    connect(mParts->running, &QAction::triggered, this, [this](bool checked) { setRunning(checked); });
    toolbar->addSeparator();
    mParts->exportAction = toolbar->addAction(tr("Export\u2026"), this, &ProjectWindow::openExportDialog);
    mParts->exportAction->setObjectName(QStringLiteral("exportAction"));
    mParts->exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    mParts->exportAction->setToolTip(tr("Export the final labels (COCO, YOLO, VOC, masks, JSONL, CSV) (Ctrl+E)"));
    mParts->importAction = toolbar->addAction(tr("Import labels\u2026"), this, &ProjectWindow::openImportDialog);
    mParts->importAction->setObjectName(QStringLiteral("importAction"));
    mParts->importAction->setToolTip(tr("Import labels or prelabels from another tool's files"));

    mParts->ingestText = new QLabel(this);
    mParts->ingestBar = new QProgressBar(this);
    mParts->ingestBar->setMaximumWidth(220);
    mParts->ingestBar->hide();
    statusBar()->addWidget(mParts->ingestText, 1);
    statusBar()->addPermanentWidget(mParts->ingestBar);

    connect(mSession.get(), &ProjectSession::errorOccurred, this, [this](const QString& message) {
        statusBar()->showMessage(message, 10000);
        if (mParts->interactive)
            QMessageBox::warning(this, tr("Pixmark"), message);
    });
    connect(mSession.get(), &ProjectSession::changed, this, [this](ProjectChange changes) {
        if (hasChange(changes, ProjectChange::Definition))
            reloadInfo();
    });
    resize(1200, 800);
    reloadInfo();
    mParts->scheduler = new RefreshScheduler(*mSession, *this);
}

void ProjectWindow::reloadInfo()
{
    mSession->run(
        this, [](Project& project) { return std::make_pair(project.info(), project.packageInfo()); },
        [this](const std::pair<ProjectInfo, std::optional<PackageInfo>>& about) {
            const auto& [info, package] = about;
            mParts->name = QString::fromStdString(info.name);
            setWindowTitle(tr("%1 \u2014 Pixmark").arg(mParts->name));
            showState(info.state == ProjectState::Paused);
            showPackage(package);
        });
}

void ProjectWindow::showState(bool paused)
{
    mParts->paused = paused;
    mParts->running->setChecked(!paused);
    mParts->running->setText(paused ? tr("Paused") : tr("Running"));
    mParts->label->setEnabled(!paused);
    mParts->label->setToolTip(paused ? pausedMessage() : tr("Open labeling (Ctrl+L)"));
    mParts->banner->setVisible(paused);
}

void ProjectWindow::showPackage(const std::optional<PackageInfo>& package)
{
    mParts->packageBanner->setVisible(package.has_value());
    if (!package)
        return;
    // A labeler's copy: label here offline; the lead owns the definition and merges it back.
    mParts->packageBanner->setText(
        tr("<b>Work package for %1</b>, cut from \u201c%2\u201d. Label here without a network; the lead "
           "merges it back into the project. Classes, sources and settings are changed there.")
            .arg(QString::fromStdString(package->labeler.name).toHtmlEscaped(),
                 QString::fromStdString(package->parentName).toHtmlEscaped()));
    mParts->running->setEnabled(false);
    mParts->running->setToolTip(tr("Only the project's lead pauses or resumes it."));
}

QLabel* ProjectWindow::packageBanner() const
{
    return mParts->packageBanner;
}

RefreshScheduler* ProjectWindow::refreshScheduler() const
{
    return mParts->scheduler;
}

QAction* ProjectWindow::labelAction() const
{
    return mParts->label;
}

QAction* ProjectWindow::runningAction() const
{
    return mParts->running;
}

QLabel* ProjectWindow::pausedBanner() const
{
    return mParts->banner;
}

bool ProjectWindow::isPaused() const
{
    return mParts->paused;
}

void ProjectWindow::setRunning(bool running)
{
    // Shown at once; the session's changed(Definition) confirms (or a failure restores) it.
    showState(!running);
    mSession->run(
        this, [running](Project& project) { project.setState(running ? ProjectState::Running : ProjectState::Paused); },
        [] {},
        [this](const QString& message) {
            reloadInfo();
            statusBar()->showMessage(message, 10000);
        },
        ProjectChange::Definition);
}

QString ProjectWindow::pausedMessage()
{
    return tr("The project is paused: labeling resumes when a lead sets it to Running");
}

ProjectWindow::~ProjectWindow()
{
    if (mParts->ingest)
        mParts->ingest->cancel();
    delete mParts->labeling;
    delete mParts->scheduler;
    // Children that hold references to the session go before it does.
    delete mParts->tabs;
    mParts->tabs = nullptr;
}

ProjectSession& ProjectWindow::session() const
{
    return *mSession;
}

IngestJob* ProjectWindow::ingestJob() const
{
    return mParts->ingest;
}

IngestJob* ProjectWindow::startIngestJob()
{
    if (mParts->ingest)
        mParts->ingest->cancel();
    auto* job = new IngestJob(*mSession, this);
    mParts->ingest = job;
    mParts->ingestBar->show();
    mParts->ingestBar->setRange(0, 0);
    connect(job, &IngestJob::progress, this, [this, job](qint64 done, qint64 total, const QString& stage) {
        if (mParts->ingest != job)
            return;
        mParts->ingestText->setText(IngestJob::describeProgress(done, total, stage));
        mParts->ingestBar->setRange(0, total > 0 ? 1000 : 0);
        if (total > 0)
            mParts->ingestBar->setValue(static_cast<int>(done * 1000 / total));
    });
    connect(job, &IngestJob::itemsArrived, this, [this] { emit mSession->changed(ProjectChange::Items); });
    connect(job, &IngestJob::finished, this, [this, job](const QString& summary, bool cancelled) {
        if (mParts->ingest != job)
            return;
        mParts->ingestBar->hide();
        mParts->ingestText->setText(cancelled ? tr("Ingest stopped: %1").arg(summary) : summary);
    });
    connect(job, &IngestJob::failed, this, [this, job](const QString& message) {
        if (mParts->ingest != job)
            return;
        mParts->ingestBar->hide();
        mParts->ingestText->setText(tr("Ingest failed: %1").arg(message));
        if (mParts->interactive)
            QMessageBox::warning(this, tr("Ingest failed"), message);
    });
    return job;
}

QTabWidget* ProjectWindow::tabs() const
{
    return mParts->tabs;
}

DashboardTab* ProjectWindow::dashboardTab() const
{
    return mParts->dashboard;
}

DataTab* ProjectWindow::dataTab() const
{
    return mParts->data;
}

DetailsTab* ProjectWindow::detailsTab() const
{
    return mParts->details;
}

ExportDialog* ProjectWindow::openExportDialog()
{
    if (!mParts->exportDialog) {
        mParts->exportDialog = new ExportDialog(*mSession, this);
        mParts->exportDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    mParts->exportDialog->show();
    mParts->exportDialog->raise();
    return mParts->exportDialog;
}

ImportDialog* ProjectWindow::openImportDialog()
{
    if (!mParts->importDialog) {
        mParts->importDialog = new ImportDialog(*mSession, this);
        mParts->importDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    mParts->importDialog->show();
    mParts->importDialog->raise();
    return mParts->importDialog;
}

QAction* ProjectWindow::exportAction() const
{
    return mParts->exportAction;
}

QAction* ProjectWindow::importAction() const
{
    return mParts->importAction;
}

LabelingWindow* ProjectWindow::labelingWindow() const
{
    return mParts->labeling;
}

void ProjectWindow::openLabeling()
{
    if (mParts->paused) {
        statusBar()->showMessage(pausedMessage(), 10000);
        if (mParts->interactive)
            QMessageBox::information(this, tr("Labeling is paused"), pausedMessage());
        return;
    }
    if (!mParts->labeling) {
        mParts->labeling = new LabelingWindow(*mSession);
        mParts->labeling->setAttribute(Qt::WA_DeleteOnClose);
        mParts->labeling->setInteractive(mParts->interactive);
    }
    mParts->labeling->show();
    mParts->labeling->raise();
    mParts->labeling->activateWindow();
}

void ProjectWindow::setInteractive(bool interactive)
{
    mParts->interactive = interactive;
    mParts->data->setInteractive(interactive);
    mParts->details->setInteractive(interactive);
    if (mParts->labeling)
        mParts->labeling->setInteractive(interactive);
}

bool ProjectWindow::isInteractive() const
{
    return mParts->interactive;
}

void ProjectWindow::closeEvent(QCloseEvent* event)
{
    if (mParts->labeling)
        mParts->labeling->close();
    QMainWindow::closeEvent(event);
}

} // namespace pixmark
