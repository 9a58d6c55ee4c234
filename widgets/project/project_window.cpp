#include "widgets/project/project_window.h"

#include "widgets/labeling/labeling_window.h"
#include "widgets/project/dashboard/dashboard_tab.h"
#include "widgets/project/data/data_tab.h"
#include "widgets/project/details/details_tab.h"
#include "widgets/session/ingest_job.h"
#include "widgets/session/project_session.h"

#include <QCloseEvent>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>

namespace pixmark {

struct ProjectWindow::Parts {
    QTabWidget* tabs = nullptr;
    DashboardTab* dashboard = nullptr;
    DataTab* data = nullptr;
    DetailsTab* details = nullptr;
    IngestJob* ingest = nullptr;
    QPointer<LabelingWindow> labeling;
    QLabel* ingestText = nullptr;
    QProgressBar* ingestBar = nullptr;
    bool interactive = true;
};

ProjectWindow::ProjectWindow(std::unique_ptr<ProjectSession> session, QWidget* parent)
    : QMainWindow(parent), mSession(std::move(session)), mParts(std::make_unique<Parts>())
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(QFileInfo(mSession->filePath()).completeBaseName());
    mParts->tabs = new QTabWidget(this);
    mParts->dashboard = new DashboardTab(*mSession, mParts->tabs);
    mParts->data = new DataTab(*mSession, mParts->tabs);
    mParts->details = new DetailsTab(*mSession, *this, mParts->tabs);
    mParts->tabs->addTab(mParts->dashboard, tr("Dashboard"));
    mParts->tabs->addTab(mParts->data, tr("Data"));
    mParts->tabs->addTab(mParts->details, tr("Details"));
    setCentralWidget(mParts->tabs);

    auto* toolbar = addToolBar(tr("Project"));
    toolbar->setObjectName(QStringLiteral("projectToolbar"));
    auto* label = toolbar->addAction(tr("Label"), this, &ProjectWindow::openLabeling);
    label->setObjectName(QStringLiteral("labelAction"));
    label->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));

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
    resize(1200, 800);
}

ProjectWindow::~ProjectWindow()
{
    if (mParts->ingest)
        mParts->ingest->cancel();
    delete mParts->labeling;
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

LabelingWindow* ProjectWindow::labelingWindow() const
{
    return mParts->labeling;
}

void ProjectWindow::openLabeling()
{
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
