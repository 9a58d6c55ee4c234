// The widgets test program: a QApplication for the whole run, then Catch.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QApplication>
#include <QStandardPaths>

int main(int argc, char* argv[])
{
    // CTest sets QT_QPA_PLATFORM=offscreen, but catch_discover_tests also runs this
    // program at build time to list the tests, without that environment.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Keep whatever a test writes away from the user's own settings.
    QStandardPaths::setTestModeEnabled(true);
    // Qt gets only the program name, so that it removes none of Catch's arguments.
    int qtArgc = 1;
    QApplication app(qtArgc, argv);
    return Catch::Session().run(argc, argv);
}
