#pragma once
// pixmark-cli commands for exchange formats: export, import, verify-export, formats.

namespace CLI {
class App;
}

namespace pixmark::cli {

struct CliContext;

void addExchangeCommands(CLI::App& app, const CliContext& context);

} // namespace pixmark::cli
