#pragma once
// Runs the real pixmark-cli binary and captures what it prints, for end-to-end tests.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace pixmark::test {

struct CliResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

/// Runs pixmark-cli with args in workingDir; stdin is /dev/null.
CliResult runCli(const std::vector<std::string>& args, const std::filesystem::path& workingDir);

/// Runs pixmark-cli --json with args, requires exit code 0 (stderr is reported
/// otherwise) and returns what it printed, parsed.
nlohmann::json runCliJson(const std::vector<std::string>& args, const std::filesystem::path& workingDir);

} // namespace pixmark::test
