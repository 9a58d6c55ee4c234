#pragma once
// pixmark-cli add, refresh and items.

namespace CLI {
class App;
}

namespace pixmark::cli {

struct CliContext;

/// Registers the ingest subcommands on app. context must outlive app's parse.
void addIngestCommands(CLI::App& app, const CliContext& context);
/// True when Ctrl+C (or SIGTERM) stopped a long command part way.
bool wasInterrupted();

} // namespace pixmark::cli
