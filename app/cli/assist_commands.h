#pragma once
// pixmark-cli commands for ML assist: train (the whole pipeline), runs.

namespace CLI {
class App;
}

namespace pixmark::cli {

struct CliContext;

void addAssistCommands(CLI::App& app, const CliContext& context);

} // namespace pixmark::cli
