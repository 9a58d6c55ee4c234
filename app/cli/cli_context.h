#pragma once
// What every pixmark-cli command shares: the output mode and the streams.

#include <nlohmann/json.hpp>

#include <functional>
#include <iosfwd>

namespace pixmark::cli {

/// Output settings for one run of pixmark-cli.
struct CliContext {
    bool json = false;
    std::ostream* out = nullptr;

    /// Prints result as JSON in --json mode, otherwise calls text() to print prose.
    void emit(const nlohmann::json& result, const std::function<void(std::ostream&)>& text) const;
};

} // namespace pixmark::cli
