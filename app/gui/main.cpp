// pixmark: the desktop application. Parses the command line and shows the home window,
// the project window of a project file given on it, or (for documentation) the wizard.

#include "app/gui/screenshots.h"
#include "core/errors.h"
#include "core/project/workflow_settings.h"
#include "widgets/home/home_window.h"
#include "widgets/home/recent_projects.h"
#include "widgets/labeling/labeling_window.h"
#include "widgets/project/details/details_tab.h"
#include "widgets/project/details/settings_section.h"
#include "widgets/project/exchange/export_dialog.h"
#include "widgets/project/exchange/import_dialog.h"
#include "widgets/project/project_window.h"
#include "widgets/session/pipeline_runner.h"
#include "widgets/session/project_session.h"

#if PIXMARK_HAVE_ML
#include "ml/assist/assist_pipeline.h"
#endif

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QIcon>
#include <QPointer>
#include <QScrollArea>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>
#include <exception>

namespace {

struct Options {
    QCommandLineOption screenshot{QStringLiteral("screenshot"),
                                  QStringLiteral("Save a PNG of the window to <file> once shown, then quit."),
                                  QStringLiteral("file")};
    QCommandLineOption screenshotDelay{
        QStringLiteral("screenshot-delay"),
        QStringLiteral("With --screenshot: wait <ms> before saving (default 1500), e.g. for ML assist to finish a run."),
        QStringLiteral("ms"), QStringLiteral("1500")};
    QCommandLineOption screenshotWizard{
        QStringLiteral("screenshot-wizard"),
        QStringLiteral("Fill the project wizard with example values, save a PNG of every page into <folder>, then "
                       "quit."),
        QStringLiteral("folder")};
    QCommandLineOption show{QStringLiteral("show"),
                            QStringLiteral("Show this part of the project window: dashboard, data, details, settings (the Details "
                                           "tab at its Settings) or label."),
                            QStringLiteral("part")};
    QCommandLineOption windowPreset{QStringLiteral("window-preset"),
                                    QStringLiteral("With --show label: apply the canvas's window/level preset <name>."),
                                    QStringLiteral("name")};
    QCommandLineOption selectShape{QStringLiteral("select-first-shape"),
                                   QStringLiteral("With --show label: select the item's first shape.")};
    QCommandLineOption acceptPrelabel{QStringLiteral("accept-first-prelabel"),
                                      QStringLiteral("With --show label: accept the item's first prelabel.")};
    QCommandLineOption reopenPrevious{QStringLiteral("reopen-previous"),
                                      QStringLiteral("With --show label: submit the first item, then reopen it.")};
    QCommandLineOption labeler{QStringLiteral("labeler"),
                               QStringLiteral("Label as <name> (instead of the name saved on first run)."),
                               QStringLiteral("name")};
};

void describe(QCommandLineParser& parser, Options& options)
{
    parser.setApplicationDescription(QStringLiteral("Pixmark: image labeling for machine learning."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("project"),
                                 QStringLiteral("A .pixmark project file to open, or a folder of images to create a "
                                                "project from."),
                                 QStringLiteral("[project]"));
    // For documentation and CI: not something people need in --help.
    options.screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
    options.screenshotDelay.setFlags(QCommandLineOption::HiddenFromHelp);
    options.screenshotWizard.setFlags(QCommandLineOption::HiddenFromHelp);
    options.show.setFlags(QCommandLineOption::HiddenFromHelp);
    options.windowPreset.setFlags(QCommandLineOption::HiddenFromHelp);
    options.selectShape.setFlags(QCommandLineOption::HiddenFromHelp);
    options.reopenPrevious.setFlags(QCommandLineOption::HiddenFromHelp);
    options.acceptPrelabel.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(options.acceptPrelabel);
    parser.addOption(options.windowPreset);
    parser.addOption(options.selectShape);
    parser.addOption(options.reopenPrevious);
    parser.addOption(options.screenshot);
    parser.addOption(options.screenshotDelay);
    parser.addOption(options.screenshotWizard);
    parser.addOption(options.show);
    parser.addOption(options.labeler);
}

// Project windows delete themselves when closed, but deleteLater may not have run when
// the event loop ends (or, with --screenshot, nothing closed them): delete the ones left
// so that every project is closed cleanly (WAL checkpointed, lock released).
// Opens a tab of the project window, or labeling; false for an unknown part.
bool showPart(pixmark::ProjectWindow& window, const QString& part)
{
    static const QStringList tabs{QStringLiteral("dashboard"), QStringLiteral("data"), QStringLiteral("details")};
    if (part.isEmpty())
        return true;
    if (part == QStringLiteral("label")) {
        window.openLabeling();
        return window.labelingWindow() != nullptr;
    }
    if (part == QStringLiteral("import")) {
        window.openImportDialog();
        return true;
    }
    if (part == QStringLiteral("export") || part == QStringLiteral("exported")) {
        pixmark::ExportDialog* dialog = window.openExportDialog();
        if (part == QStringLiteral("exported")) {
            // Exports (into the project's folder) as soon as the formats are known, to show a result.
            auto* poll = new QTimer(dialog);
            QObject::connect(poll, &QTimer::timeout, dialog, [dialog, poll] {
                if (dialog->isReady()) {
                    poll->stop();
                    dialog->startExport();
                }
            });
            poll->start(20);
        }
        return true;
    }
    if (part == QStringLiteral("settings")) {
        // The Details tab, scrolled to its Settings section once the tab is laid out.
        window.tabs()->setCurrentIndex(static_cast<int>(tabs.indexOf(QStringLiteral("details"))));
        QWidget* section = window.detailsTab()->settingsSection();
        QTimer::singleShot(0, section, [section] {
            for (QWidget* ancestor = section->parentWidget(); ancestor; ancestor = ancestor->parentWidget())
                if (auto* scroll = qobject_cast<QScrollArea*>(ancestor)) {
                    scroll->ensureWidgetVisible(section, 0, 0);
                    break;
                }
        });
        return true;
    }
    const auto index = tabs.indexOf(part);
    if (index < 0)
        return false;
    window.tabs()->setCurrentIndex(static_cast<int>(index));
    return true;
}

// The top-level window showing part: the labeling window, an open dialog, or the project window.
QWidget* shownWindow(pixmark::ProjectWindow& window, const QString& part)
{
    if (part == QStringLiteral("label"))
        return window.labelingWindow();
    if (part == QStringLiteral("export") || part == QStringLiteral("exported"))
        return window.openExportDialog();
    if (part == QStringLiteral("import"))
        return window.openImportDialog();
    return &window;
}

int closeProjectWindows(int exitCode)
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    // Guarded: deleting a project window deletes its labeling window, another top level.
    QList<QPointer<QWidget>> windows;
    for (QWidget* widget : QApplication::topLevelWidgets())
        windows.append(widget);
    for (const QPointer<QWidget>& widget : windows) {
        if (auto* window = qobject_cast<pixmark::ProjectWindow*>(widget.data()))
            delete window;
    }
    return exitCode;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication::setOrganizationName(QStringLiteral("Pixmark"));
    QApplication::setApplicationName(QStringLiteral("Pixmark"));
    QApplication::setApplicationVersion(QStringLiteral(PIXMARK_VERSION));

    // --version and --help answer without a display, so they work over ssh and in CI.
    {
        QStringList arguments;
        for (int i = 0; i < argc; ++i)
            arguments.append(QString::fromLocal8Bit(argv[i]));
        QCommandLineParser early;
        Options options;
        describe(early, options);
        if (early.parse(arguments)) {
            if (early.isSet(QStringLiteral("version"))) {
                std::fputs(qPrintable(QStringLiteral("pixmark %1\n").arg(QStringLiteral(PIXMARK_VERSION))), stdout);
                return 0;
            }
            if (early.isSet(QStringLiteral("help"))) {
                // Without an application object Qt cannot name the program itself.
                QString help = early.helpText();
                help.replace(QStringLiteral("<executable_name>"), QStringLiteral("pixmark"));
                std::fputs(qPrintable(help), stdout);
                return 0;
            }
        }
    }

    QApplication app(argc, argv);
#if PIXMARK_HAVE_ML
    // The project window's ML assist runs the pipeline through this (widgets never link LibTorch).
    pixmark::setPipelineRunner(
        [](pixmark::Project& project, pixmark::PipelineJob job, const pixmark::ProgressCallback& progress,
           const pixmark::CancelToken& cancel) {
            if (job == pixmark::PipelineJob::GroupSimilar) {
                pixmark::assist::groupBySimilarity(project, {}, progress, cancel);
                return std::string();
            }
            return pixmark::assist::runPipeline(
                       project, pixmark::assist::assistOptionsFor(pixmark::assistSettingsOf(project)), progress, cancel)
                .selfTrainingSkipped;
        });
#endif
    QApplication::setApplicationDisplayName(QStringLiteral("Pixmark"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/pixmark.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral("pixmark"));
    QCommandLineParser parser;
    Options options;
    describe(parser, options);
    parser.process(app); // exits with a message on unknown options

    if (parser.isSet(options.screenshotWizard))
        return pixmark::gui::screenshotWizard(parser.value(options.screenshotWizard));

    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(options.labeler))
        pixmark::LabelingWindow::rememberLabelerName(parser.value(options.labeler));
    if (positional.size() > 1) {
        std::fputs("pixmark: give at most one project file\n", stderr);
        return 2;
    }
    const QString screenshotFile = parser.value(options.screenshot);
    const bool interactive = screenshotFile.isEmpty();
    bool delayIsNumber = false;
    const int screenshotDelayMs = parser.value(options.screenshotDelay).toInt(&delayIsNumber);
    if (!delayIsNumber || screenshotDelayMs < 0) {
        pixmark::gui::printError(QStringLiteral("--screenshot-delay takes milliseconds (0 or more), not \"%1\"")
                                     .arg(parser.value(options.screenshotDelay)));
        return 2;
    }
    const QString argument = positional.isEmpty() ? QString() : positional.front();
    const QFileInfo argumentInfo(argument);

    // A project file opens straight into its project window. When it cannot be opened
    // for writing, the home window explains why in its summary panel.
    if (!argument.isEmpty() && argumentInfo.isFile()) {
        try {
            auto project = pixmark::Project::open(argumentInfo.absoluteFilePath().toStdString());
            const QString name = QString::fromStdString(project->info().name);
            auto session = std::make_unique<pixmark::ProjectSession>(std::move(project));
            pixmark::RecentProjects().add(session->filePath(), name);
            auto* window = new pixmark::ProjectWindow(std::move(session)); // deletes itself on close
            window->setInteractive(interactive);
            if (!interactive)
                window->resize(1280, 800);
            window->show();
            const QString part = parser.value(options.show);
            if (!showPart(*window, part)) {
                pixmark::gui::printError(
                    QStringLiteral("unknown part \"%1\": use dashboard, data, details, settings, label, export, exported or "
                                       "import")
                        .arg(part));
                return closeProjectWindows(2);
            }
            if (parser.isSet(options.windowPreset) || parser.isSet(options.selectShape) ||
                parser.isSet(options.acceptPrelabel))
                pixmark::gui::prepareCanvas(*window, parser.value(options.windowPreset), parser.isSet(options.selectShape),
                                            parser.isSet(options.acceptPrelabel));
            if (parser.isSet(options.reopenPrevious))
                pixmark::gui::reopenPreviousItem(*window);
            if (!interactive)
                pixmark::gui::screenshotLater(shownWindow(*window, part), screenshotFile, screenshotDelayMs);
            return closeProjectWindows(QApplication::exec());
        } catch (const std::exception&) {
            // Falls through: the home window shows the same error with the file's summary.
        }
    }

    pixmark::HomeWindow window;
    window.setInteractive(interactive);
    if (!interactive)
        window.resize(1120, 720); // the same picture whatever size was saved last time
    window.show();
    if (argumentInfo.isDir())
        window.newProject(argumentInfo.absoluteFilePath());
    else if (!argument.isEmpty())
        window.openProject(argument);
    if (!interactive)
        pixmark::gui::screenshotLater(&window, screenshotFile);
    return closeProjectWindows(QApplication::exec());
}
