// pixmark-cli: the headless face of core. Exit codes: 0 success, 1 failure (message on
// stderr), 2 bad usage, 130 interrupted (what was finished is kept).

#include "app/cli/class_commands.h"
#include "app/cli/exchange_commands.h"
#include "app/cli/cli_context.h"
#include "app/cli/ingest_commands.h"
#include "app/cli/package_commands.h"
#include "app/cli/project_commands.h"
#include "app/cli/queue_commands.h"
#include "app/cli/workflow_commands.h"
#include "core/errors.h"
#if PIXMARK_HAVE_ML
#include "app/cli/assist_commands.h"
#endif

#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char** argv)
{
    pixmark::cli::CliContext context;
    context.out = &std::cout;

    CLI::App app{"Pixmark command line: create projects, register images, manage classes, label and review", "pixmark-cli"};
    app.set_version_flag("--version", PIXMARK_VERSION);
    app.add_flag("--json", context.json, "Print results as JSON for scripts");
    app.require_subcommand(1);
    app.fallthrough(); // --json may also follow the subcommand
    pixmark::cli::addProjectCommands(app, context);
    pixmark::cli::addClassCommands(app, context);
    pixmark::cli::addIngestCommands(app, context);
    pixmark::cli::addWorkflowCommands(app, context);
    pixmark::cli::addQueueCommands(app, context);
    pixmark::cli::addPackageCommands(app, context);
    pixmark::cli::addExchangeCommands(app, context);
#if PIXMARK_HAVE_ML
    pixmark::cli::addAssistCommands(app, context);
#endif

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error);
        return code == 0 ? 0 : 2;
    } catch (const pixmark::cli::UsageError& error) {
        std::cerr << "pixmark-cli: " << error.what() << "\nRun with --help for more information.\n";
        return 2;
    } catch (const pixmark::Error& error) {
        std::cerr << "pixmark-cli: " << error.what() << '\n';
        return 1;
    } catch (const std::exception& error) {
        std::cerr << "pixmark-cli: unexpected error: " << error.what() << '\n';
        return 1;
    }
    // 130, as shells report an interrupted program: what was committed stays.
    return pixmark::cli::wasInterrupted() ? 130 : 0;
}
