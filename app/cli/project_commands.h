#pragma once
// pixmark-cli create, info, state and instructions.

namespace CLI {
class App;
}

namespace pixmark::cli {

struct CliContext;

/// Registers the project-level subcommands on app. context must outlive app's parse.
void addProjectCommands(CLI::App& app, const CliContext& context);

} // namespace pixmark::cli
