#pragma once
// What every pixmark-cli command shares: the output mode and the streams.

#include <nlohmann/json.hpp>

#include <functional>
#include <iosfwd>
#include <memory>
#include <stdexcept>
#include <string>

namespace pixmark {
class Project;
}

namespace pixmark::cli {

/// A command line that asks for something impossible (an unknown task type, a missing
/// option): exit code 2, like the errors the argument parser finds itself.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Output settings for one run of pixmark-cli.
struct CliContext {
    bool json = false;
    std::ostream* out = nullptr;

    /// Prints result as JSON in --json mode, otherwise calls text() to print prose.
    void emit(const nlohmann::json& result, const std::function<void(std::ostream&)>& text) const;
};

/// Opens the project for writing and, when a labeler name is given, acts as that labeler
/// (a new name is a labeler; the login name is the project's lead).
std::unique_ptr<Project> openAs(const std::string& file, const std::string& labeler);

} // namespace pixmark::cli
