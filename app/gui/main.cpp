// pixmark: the desktop application. Parses the command line and shows the home window,
// the project window of a project file given on it, or (for documentation) the wizard.

#include "core/errors.h"
#include "widgets/home/home_window.h"
#include "widgets/home/recent_projects.h"
#include "widgets/project/project_window.h"
#include "widgets/session/project_session.h"
#include "widgets/wizard/assist_page.h"
#include "widgets/wizard/classes_page.h"
#include "widgets/wizard/create_project_wizard.h"
#include "widgets/wizard/details_page.h"
#include "widgets/wizard/instructions_page.h"
#include "widgets/wizard/quality_page.h"
#include "widgets/wizard/refresh_page.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QLineEdit>
#include <QPainter>
#include <QPointer>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <exception>

namespace {

struct Options {
    QCommandLineOption screenshot{QStringLiteral("screenshot"),
                                  QStringLiteral("Save a PNG of the window to <file> once shown, then quit."),
                                  QStringLiteral("file")};
    QCommandLineOption screenshotWizard{
        QStringLiteral("screenshot-wizard"),
        QStringLiteral("Fill the project wizard with example values, save a PNG of every page into <folder>, then "
                       "quit."),
        QStringLiteral("folder")};
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
    options.screenshotWizard.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(options.screenshot);
    parser.addOption(options.screenshotWizard);
}

void printError(const QString& message)
{
    std::fputs(qPrintable(QStringLiteral("pixmark: %1\n").arg(message)), stderr);
}

// Example values a reader of the documentation recognizes: the birds project of the README.
void fillExample(pixmark::CreateProjectWizard& wizard, const QString& dataFolder)
{
    wizard.setDataFolder(dataFolder);
    wizard.detailsPage()
        ->findChild<QLineEdit*>(QStringLiteral("projectNameEdit"))
        ->setText(QStringLiteral("Street birds"));
    wizard.detailsPage()->setTaskType(pixmark::TaskType::ObjectDetection);
    wizard.refreshPage()->setIncrementalRefresh(true);
    wizard.refreshPage()->setIntervalMinutes(30);
    wizard.classesPage()->addClassesFromText(QStringLiteral("Sparrow\nCrow\nPigeon\nGull"));
    wizard.instructionsPage()->setInstructionsMarkdown(
        QStringLiteral("Draw a **tight** box around every bird.\n\n- Include birds that are partly hidden\n"
                       "- Ignore reflections, drawings and *statues*\n"));
    wizard.instructionsPage()->setUrl(QStringLiteral("https://example.org/birds-guide"));
    wizard.assistPage()->setSettings(pixmark::AssistSettings{true, 200});
    wizard.qualityPage()->setSettings(pixmark::QualitySettings{true, 3, true});
}

// A few real images, so the data page's folder exists and is valid.
bool writeExampleImages(const QString& folder)
{
    if (!QDir().mkpath(folder))
        return false;
    for (int i = 0; i < 3; ++i) {
        QImage image(64, 48, QImage::Format_RGB32);
        image.fill(QColor::fromHsv(i * 90, 120, 200));
        if (!image.save(QDir(folder).filePath(QStringLiteral("bird-%1.png").arg(i + 1)), "PNG"))
            return false;
    }
    return true;
}

int screenshotWizard(const QString& outputFolder)
{
    static const char* const pageNames[] = {"details",      "data",   "refresh", "classes",
                                            "instructions", "assist", "quality", "review"};
    QTemporaryDir temporary;
    const QString dataFolder = QDir(temporary.path()).filePath(QStringLiteral("street-birds"));
    if (!temporary.isValid() || !writeExampleImages(dataFolder) || !QDir().mkpath(outputFolder)) {
        printError(QStringLiteral("cannot prepare the example data or %1").arg(outputFolder));
        return 1;
    }
    pixmark::CreateProjectWizard wizard;
    wizard.setInteractive(false);
    fillExample(wizard, dataFolder);
    wizard.show();
    int page = 0;
    for (const char* name : pageNames) {
        ++page;
        QApplication::processEvents();
        const QString file =
            QDir(outputFolder).filePath(QStringLiteral("wizard-%1-%2.png").arg(page).arg(QLatin1String(name)));
        if (wizard.currentId() != page - 1) {
            printError(QStringLiteral("the wizard stopped at page %1 (incomplete example values)")
                           .arg(wizard.currentId() + 1));
            return 1;
        }
        if (!wizard.grab().save(file, "PNG")) {
            printError(QStringLiteral("cannot write %1").arg(file));
            return 1;
        }
        wizard.next();
    }
    return 0;
}

// Saves a PNG of window once it has been shown and painted, then quits.
void screenshotLater(QWidget* window, const QString& file)
{
    // Let layouts settle and the first paint happen before grabbing.
    QTimer::singleShot(500, window, [window, file] {
        const bool saved = window->grab().save(file, "PNG");
        if (!saved)
            printError(QStringLiteral("cannot write %1").arg(file));
        QApplication::exit(saved ? 0 : 1);
    });
}

// Project windows delete themselves when closed, but deleteLater may not have run when
// the event loop ends (or, with --screenshot, nothing closed them): delete the ones left
// so that every project is closed cleanly (WAL checkpointed, lock released).
int closeProjectWindows(int exitCode)
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    const QWidgetList windows = QApplication::topLevelWidgets();
    for (QWidget* widget : windows) {
        if (auto* window = qobject_cast<pixmark::ProjectWindow*>(widget))
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
    QApplication::setApplicationDisplayName(QStringLiteral("Pixmark"));
    QCommandLineParser parser;
    Options options;
    describe(parser, options);
    parser.process(app); // exits with a message on unknown options

    if (parser.isSet(options.screenshotWizard))
        return screenshotWizard(parser.value(options.screenshotWizard));

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        std::fputs("pixmark: give at most one project file\n", stderr);
        return 2;
    }
    const QString screenshotFile = parser.value(options.screenshot);
    const bool interactive = screenshotFile.isEmpty();
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
            if (!interactive)
                screenshotLater(window, screenshotFile);
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
        screenshotLater(&window, screenshotFile);
    return closeProjectWindows(QApplication::exec());
}
