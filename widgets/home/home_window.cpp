#include "widgets/home/home_window.h"

#include "core/errors.h"
#include "core/project/project.h"
#include "widgets/common/settings_name.h"
#include "widgets/home/display_text.h"
#include "widgets/home/project_summary.h"
#include "widgets/home/project_summary_panel.h"
#include "widgets/home/recent_project_delegate.h"
#include "widgets/project/project_window.h"
#include "widgets/session/ingest_job.h"
#include "widgets/session/project_session.h"
#include "widgets/wizard/create_project_wizard.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMetaObject>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QThreadPool>
#include <QVBoxLayout>

#include <exception>

namespace pixmark {

namespace {
const QString kGeometryKey = QStringLiteral("homeWindow/geometry");
const QString kLastFolderKey = QStringLiteral("homeWindow/lastFolder");
constexpr int kSidebarWidth = 300;

// The first local .pixmark file among dropped URLs, or an empty string.
QString droppedProjectFile(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile() && url.toLocalFile().endsWith(QLatin1String(".pixmark"), Qt::CaseInsensitive))
            return url.toLocalFile();
    }
    return {};
}

// The first local folder among dropped URLs (images to make a project of), or "".
QString droppedFolder(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isDir())
            return url.toLocalFile();
    }
    return {};
}
// Starting a job cancels the window's previous one, so several sources go one by one.
void ingestOneAfterAnother(QPointer<ProjectWindow> window, std::vector<ingest::SourceRequest> sources)
{
    if (!window || sources.empty())
        return;
    IngestJob* job = window->startIngestJob();
    const ingest::SourceRequest first = sources.front();
    sources.erase(sources.begin());
    if (!sources.empty()) {
        QObject::connect(job, &IngestJob::finished, window, [window, sources](const QString&, bool cancelled) {
            if (!cancelled)
                ingestOneAfterAnother(window, sources);
        });
    }
    job->startAdd(first);
}
} // namespace

HomeWindow::HomeWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("homeWindow"));
    setWindowTitle(tr("Pixmark"));
    setAcceptDrops(true);
    createActions();

    mSummaryPanel = new ProjectSummaryPanel(this);
    auto* separator = new QFrame(this);
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Plain);
    separator->setForegroundRole(QPalette::Mid);

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(createSidebar());
    layout->addWidget(separator);
    layout->addWidget(mSummaryPanel, 1);
    setCentralWidget(central);

    setMinimumSize(820, 560);
    resize(1120, 720);
    const QSettings settings(kSettingsName, kSettingsName);
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    reloadRecentProjects();
}

void HomeWindow::createActions()
{
    mOpenAction = new QAction(tr("&Open Project…"), this);
    mOpenAction->setObjectName(QStringLiteral("openProjectAction"));
    mOpenAction->setShortcut(QKeySequence::Open);
    mOpenAction->setStatusTip(tr("Open a Pixmark project file"));
    connect(mOpenAction, &QAction::triggered, this, &HomeWindow::chooseProjectFile);

    mNewAction = new QAction(tr("&New Project…"), this);
    mNewAction->setObjectName(QStringLiteral("newProjectAction"));
    mNewAction->setShortcut(QKeySequence::New);
    mNewAction->setStatusTip(tr("Create a project: name, data, classes and instructions"));
    mNewAction->setToolTip(tr("Create a project (or drop a folder of images here)"));
    connect(mNewAction, &QAction::triggered, this, [this] { newProject(); });

    mRemoveRecentAction = new QAction(tr("&Remove from Recent Projects"), this);
    mRemoveRecentAction->setShortcut(QKeySequence::Delete);
    mRemoveRecentAction->setShortcutContext(Qt::WidgetShortcut);
    connect(mRemoveRecentAction, &QAction::triggered, this, &HomeWindow::removeSelectedRecentProject);

    auto* quitAction = new QAction(tr("&Quit"), this);
    quitAction->setShortcut(QKeySequence::Quit);
    quitAction->setMenuRole(QAction::QuitRole);
    connect(quitAction, &QAction::triggered, this, &QWidget::close);

    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->setToolTipsVisible(true);
    fileMenu->addAction(mOpenAction);
    fileMenu->addAction(mNewAction);
    fileMenu->addSeparator();
    fileMenu->addAction(quitAction);

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Pixmark"), this, [this] {
        QMessageBox::about(this, tr("About Pixmark"),
                           tr("<h3>Pixmark %1</h3><p>Image labeling for machine learning: classification, "
                              "object detection, instance and semantic segmentation, on one machine, "
                              "offline.</p>")
                               .arg(QApplication::applicationVersion().toHtmlEscaped()));
    });
}

QWidget* HomeWindow::createSidebar()
{
    auto* sidebar = new QWidget(this);
    sidebar->setObjectName(QStringLiteral("homeSidebar"));
    sidebar->setFixedWidth(kSidebarWidth);

    auto* title = new QLabel(tr("Pixmark"), sidebar);
    scaleFont(title, 1.7, true);
    auto* subtitle = new QLabel(tr("Image labeling for machine learning"), sidebar);
    makeMuted(subtitle);

    mOpenButton = new QPushButton(tr("Open Project…"), sidebar);
    mOpenButton->setObjectName(QStringLiteral("openProjectButton"));
    mOpenButton->setToolTip(tr("Open a Pixmark project file (%1)")
                                .arg(mOpenAction->shortcut().toString(QKeySequence::NativeText)));
    mOpenButton->setDefault(true);
    connect(mOpenButton, &QPushButton::clicked, mOpenAction, &QAction::trigger);
    mNewButton = new QPushButton(tr("New Project…"), sidebar);
    mNewButton->setObjectName(QStringLiteral("newProjectButton"));
    mNewButton->setToolTip(mNewAction->toolTip());
    connect(mNewButton, &QPushButton::clicked, mNewAction, &QAction::trigger);
    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(8);
    buttons->addWidget(mOpenButton, 1);
    buttons->addWidget(mNewButton, 1);

    auto* recentTitle = new QLabel(tr("Recent projects"), sidebar);
    scaleFont(recentTitle, 1.1, true);

    mRecentList = new QListWidget(sidebar);
    mRecentList->setObjectName(QStringLiteral("recentProjects"));
    mRecentList->setItemDelegate(new RecentProjectDelegate(mRecentList));
    mRecentList->setUniformItemSizes(true);
    mRecentList->setFrameShape(QFrame::NoFrame);
    // Entries sit on the sidebar itself rather than in a white box.
    QPalette listPalette = mRecentList->palette();
    for (const auto group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled})
        listPalette.setColor(group, QPalette::Base, listPalette.color(group, QPalette::Window));
    mRecentList->setPalette(listPalette);
    mRecentList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    mRecentList->setContextMenuPolicy(Qt::CustomContextMenu);
    mRecentList->addAction(mRemoveRecentAction);
    connect(mRecentList, &QListWidget::itemSelectionChanged, this, &HomeWindow::showSelectedRecentProject);
    connect(mRecentList, &QWidget::customContextMenuRequested, this, &HomeWindow::showRecentProjectsMenu);

    mNoRecentLabel = new QLabel(tr("Projects you open appear here."), sidebar);
    mNoRecentLabel->setWordWrap(true);
    makeMuted(mNoRecentLabel);

    auto* layout = new QVBoxLayout(sidebar);
    layout->setContentsMargins(20, 20, 16, 16);
    layout->setSpacing(4);
    layout->addWidget(title);
    layout->addWidget(subtitle);
    layout->addSpacing(18);
    layout->addLayout(buttons);
    layout->addSpacing(22);
    layout->addWidget(recentTitle);
    layout->addSpacing(4);
    layout->addWidget(mNoRecentLabel);
    layout->addWidget(mRecentList, 1);
    layout->addStretch(); // takes the list's place while it is hidden
    return sidebar;
}

bool HomeWindow::openProject(const QString& filePath)
{
    return showProject(filePath, true, mInteractive);
}

bool HomeWindow::showProject(const QString& filePath, bool remember, bool reportInDialog)
{
    QString failure;
    try {
        const ProjectSummary summary = ProjectSummary::load(filePath);
        mSummaryPanel->showSummary(summary);
        const QString name = QString::fromStdString(summary.info.name);
        setWindowTitle(tr("Pixmark — %1").arg(name));
        if (remember) {
            mRecentProjects.add(summary.filePath, name);
            reloadRecentProjects();
            selectRecentProject(summary.filePath);
        }
        return true;
    } catch (const Error& error) {
        // Core's messages are written for the person; show them as they are.
        failure = QString::fromUtf8(error.what());
    } catch (const std::exception& error) {
        // Anything else is unexpected; it is still shown, with the file it concerns.
        failure = tr("Pixmark could not open %1: %2").arg(displayPath(filePath), QString::fromUtf8(error.what()));
    }
    mSummaryPanel->showError(failure);
    setWindowTitle(tr("Pixmark"));
    if (reportInDialog)
        QMessageBox::warning(this, tr("Cannot open project"), failure);
    return false;
}

void HomeWindow::setInteractive(bool interactive)
{
    mInteractive = interactive;
}

bool HomeWindow::isInteractive() const
{
    return mInteractive;
}

ProjectSummaryPanel* HomeWindow::summaryPanel() const
{
    return mSummaryPanel;
}

QStringList HomeWindow::recentProjectPaths() const
{
    QStringList paths;
    for (int row = 0; row < mRecentList->count(); ++row)
        paths.append(mRecentList->item(row)->data(RecentProjectDelegate::FilePathRole).toString());
    return paths;
}

void HomeWindow::reloadRecentProjects()
{
    const QString selected = mRecentList->currentItem()
                                 ? mRecentList->currentItem()->data(RecentProjectDelegate::FilePathRole).toString()
                                 : QString();
    const QSignalBlocker blocker(mRecentList);
    mRecentList->clear();
    for (const RecentProjects::Entry& entry : mRecentProjects.entries()) {
        const bool missing = !QFileInfo::exists(entry.filePath);
        const QString name = entry.name.isEmpty() ? QFileInfo(entry.filePath).completeBaseName() : entry.name;
        auto* item = new QListWidgetItem(missing ? tr("%1 (missing)").arg(name) : name, mRecentList);
        item->setData(RecentProjectDelegate::FilePathRole, entry.filePath);
        item->setData(RecentProjectDelegate::LocationRole, displayPath(entry.filePath));
        item->setData(RecentProjectDelegate::MissingRole, missing);
        item->setToolTip(missing ? tr("%1\nThe file no longer exists.").arg(QDir::toNativeSeparators(entry.filePath))
                                 : QDir::toNativeSeparators(entry.filePath));
        if (entry.filePath == selected)
            mRecentList->setCurrentItem(item);
    }
    const bool empty = mRecentList->count() == 0;
    mNoRecentLabel->setVisible(empty);
    mRecentList->setVisible(!empty);
    readRecentProgress();
}

void HomeWindow::readRecentProgress()
{
    // Each project is opened read-only on a pool thread (a million-item project takes a
    // moment to count); the answer finds its row by path, so a reload meanwhile is harmless.
    QPointer<HomeWindow> self(this);
    for (int row = 0; row < mRecentList->count(); ++row) {
        const QListWidgetItem* item = mRecentList->item(row);
        if (item->data(RecentProjectDelegate::MissingRole).toBool())
            continue;
        const QString filePath = item->data(RecentProjectDelegate::FilePathRole).toString();
        QThreadPool::globalInstance()->start([self, filePath] {
            qint64 labeled = 0;
            qint64 total = 0;
            try {
                const ProjectSummary summary = ProjectSummary::load(filePath);
                labeled = summary.count(ItemStatus::Labeled);
                total = summary.totalItems();
            } catch (const std::exception&) {
                return; // opening it shows the reason; the list just shows no progress
            }
            QMetaObject::invokeMethod(qApp, [self, filePath, labeled, total] {
                if (self)
                    self->showRecentProgress(filePath, labeled, total);
            });
        });
    }
}

void HomeWindow::showRecentProgress(const QString& filePath, qint64 labeled, qint64 total)
{
    for (int row = 0; row < mRecentList->count(); ++row) {
        QListWidgetItem* item = mRecentList->item(row);
        if (item->data(RecentProjectDelegate::FilePathRole).toString() != filePath)
            continue;
        item->setData(RecentProjectDelegate::LabeledRole, labeled);
        item->setData(RecentProjectDelegate::TotalRole, total);
    }
}

QString HomeWindow::recentProgressText(int row) const
{
    if (row < 0 || row >= mRecentList->count())
        return {};
    return RecentProjectDelegate::progressText(mRecentList->model()->index(row, 0));
}

void HomeWindow::selectRecentProject(const QString& filePath)
{
    const QSignalBlocker blocker(mRecentList);
    for (int row = 0; row < mRecentList->count(); ++row) {
        QListWidgetItem* item = mRecentList->item(row);
        if (item->data(RecentProjectDelegate::FilePathRole).toString() == filePath) {
            mRecentList->setCurrentItem(item);
            return;
        }
    }
}

void HomeWindow::chooseProjectFile()
{
    QSettings settings(kSettingsName, kSettingsName);
    const QString file = QFileDialog::getOpenFileName(this, tr("Open Project"),
                                                      settings.value(kLastFolderKey).toString(),
                                                      tr("Pixmark projects (*.pixmark)"));
    if (file.isEmpty())
        return;
    settings.setValue(kLastFolderKey, QFileInfo(file).absolutePath());
    openProject(file);
}

void HomeWindow::showSelectedRecentProject()
{
    const QListWidgetItem* item = mRecentList->currentItem();
    if (!item || !item->isSelected())
        return;
    // Selecting in the list only shows the summary: reordering the list under the
    // pointer would be disorienting, and errors are shown in the panel, not a dialog.
    showProject(item->data(RecentProjectDelegate::FilePathRole).toString(), false, false);
}

void HomeWindow::removeSelectedRecentProject()
{
    const QListWidgetItem* item = mRecentList->currentItem();
    if (!item)
        return;
    mRecentProjects.remove(item->data(RecentProjectDelegate::FilePathRole).toString());
    reloadRecentProjects();
    if (!mRecentList->currentItem()) {
        mSummaryPanel->clear();
        setWindowTitle(tr("Pixmark"));
    }
}

void HomeWindow::showRecentProjectsMenu(const QPoint& position)
{
    if (!mRecentList->itemAt(position))
        return;
    QMenu menu(this);
    menu.addAction(mRemoveRecentAction);
    menu.exec(mRecentList->viewport()->mapToGlobal(position));
}

void HomeWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings(kSettingsName, kSettingsName);
    settings.setValue(kGeometryKey, saveGeometry());
    QMainWindow::closeEvent(event);
}

void HomeWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!droppedProjectFile(event->mimeData()).isEmpty() || !droppedFolder(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void HomeWindow::dropEvent(QDropEvent* event)
{
    // A project file wins over a folder dropped with it: opening is what people expect.
    if (const QString file = droppedProjectFile(event->mimeData()); !file.isEmpty()) {
        event->acceptProposedAction();
        openProject(file);
    } else if (const QString folder = droppedFolder(event->mimeData()); !folder.isEmpty()) {
        event->acceptProposedAction();
        // The prefilled wizard is the offer: its Cancel declines it.
        newProject(folder);
    }
}

CreateProjectWizard* HomeWindow::newProject(const QString& dataFolder)
{
    if (!mWizard) {
        mWizard = new CreateProjectWizard(this);
        mWizard->setAttribute(Qt::WA_DeleteOnClose);
        mWizard->setInteractive(mInteractive);
        CreateProjectWizard* wizard = mWizard;
        connect(wizard, &CreateProjectWizard::projectCreated, this, [this, wizard] {
            const ProjectPlan plan = wizard->plan();
            openCreatedProject(wizard->takeCreatedProject(), plan.sources);
        });
    }
    if (!dataFolder.isEmpty()) {
        mWizard->setDataFolder(dataFolder);
        mWizard->setWindowTitle(tr("New Project from %1").arg(QFileInfo(dataFolder).fileName()));
    }
    mWizard->show();
    mWizard->raise();
    mWizard->activateWindow();
    return mWizard;
}

CreateProjectWizard* HomeWindow::wizard() const
{
    return mWizard;
}

ProjectWindow* HomeWindow::openCreatedProject(std::unique_ptr<Project> project,
                                              const std::vector<ingest::SourceRequest>& sources)
{
    if (!project)
        return nullptr;
    const QString name = QString::fromStdString(project->info().name);
    auto session = std::make_unique<ProjectSession>(std::move(project));
    const QString filePath = session->filePath();
    auto* window = new ProjectWindow(std::move(session));
    window->setInteractive(mInteractive);
    window->show();
    ingestOneAfterAnother(window, sources);
    mLastProjectWindow = window;
    mRecentProjects.add(filePath, name);
    reloadRecentProjects();
    return window;
}

ProjectWindow* HomeWindow::lastProjectWindow() const
{
    return mLastProjectWindow;
}

} // namespace pixmark
