#pragma once
// pixmark-cli commands for field teams' work packages: package create, package merge.

namespace CLI {
class App;
}

namespace pixmark::cli {

struct CliContext;

void addPackageCommands(CLI::App& app, const CliContext& context);

} // namespace pixmark::cli
