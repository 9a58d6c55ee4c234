#pragma once
// pixmark-cli commands of the labeling workflow: label, skip, review (reject, approve),
// history, find, dashboard and the quality / assist settings.

namespace CLI {
class App;
}

namespace pixmark::cli {

struct CliContext;

void addWorkflowCommands(CLI::App& app, const CliContext& context);

} // namespace pixmark::cli
