#pragma once
// pixmark-cli commands of the task queue and the project's people: queue (status, next,
// requeue, return-abandoned, settings) and labelers (list, roles).

namespace CLI {
class App;
}

namespace pixmark::cli {

struct CliContext;

void addQueueCommands(CLI::App& app, const CliContext& context);

} // namespace pixmark::cli
