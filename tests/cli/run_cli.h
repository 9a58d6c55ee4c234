#pragma once
// Runs the real pixmark-cli binary and captures what it prints, for end-to-end tests.

#include "tests/support/temp_dir.h"

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

/// Starts pixmark-cli with args in workingDir without waiting (output discarded); the caller
/// ends it (kill, waitpid).
int startCli(const std::vector<std::string>& args, const std::filesystem::path& workingDir);

/// Runs pixmark-cli --json with args, requires exit code 0 (stderr is reported
/// otherwise) and returns what it printed, parsed.
nlohmann::json runCliJson(const std::vector<std::string>& args, const std::filesystem::path& workingDir);
/// The same, in a test's temporary folder.
inline nlohmann::json runJson(const std::vector<std::string>& args, const TempDir& dir)
{
    return runCliJson(args, dir.path());
}

} // namespace pixmark::test
