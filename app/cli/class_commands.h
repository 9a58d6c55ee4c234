#pragma once
// pixmark-cli classes list|add|rename|recolor|hotkey|describe|move|archive|unarchive.

namespace CLI {
class App;
}

namespace pixmark::cli {

struct CliContext;

/// Registers the `classes` subcommand group on app. context must outlive app's parse.
void addClassCommands(CLI::App& app, const CliContext& context);

} // namespace pixmark::cli
