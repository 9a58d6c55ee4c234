// pixmark: the desktop application. Parses the command line and shows the home window.

#include "widgets/home/home_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

namespace {

struct Options {
    QCommandLineOption screenshot{QStringLiteral("screenshot"),
                                  QStringLiteral("Save a PNG of the window to <file> once shown, then quit."),
                                  QStringLiteral("file")};
};

void describe(QCommandLineParser& parser, Options& options)
{
    parser.setApplicationDescription(QStringLiteral("Pixmark: image labeling for machine learning."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("A .pixmark project file to open."),
                                 QStringLiteral("[project]"));
    // For documentation and CI: not something people need in --help.
    options.screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(options.screenshot);
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

    pixmark::HomeWindow window;
    const QString screenshotFile = parser.value(options.screenshot);
    window.setInteractive(screenshotFile.isEmpty());
    if (!screenshotFile.isEmpty())
        window.resize(1120, 720); // the same picture whatever size was saved last time
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        std::fputs("pixmark: give at most one project file\n", stderr);
        return 2;
    }
    window.show();
    if (!positional.isEmpty())
        window.openProject(positional.front());

    if (!screenshotFile.isEmpty()) {
        // Let layouts settle and the first paint happen before grabbing.
        QTimer::singleShot(300, &window, [&window, screenshotFile] {
            const bool saved = window.grab().save(screenshotFile, "PNG");
            if (!saved)
                std::fputs(qPrintable(QStringLiteral("pixmark: cannot write %1\n").arg(screenshotFile)), stderr);
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return QApplication::exec();
}
