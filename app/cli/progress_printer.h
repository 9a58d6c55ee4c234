#pragma once
// Progress on stderr: a redrawn bar on a terminal, a line every few seconds otherwise
// (logs stay readable).

#include "core/util/progress.h"

#include <chrono>
#include <string>

namespace pixmark::cli {

class ProgressPrinter {
public:
    ProgressPrinter();
    /// The callback to hand to core; valid while this object lives.
    ProgressCallback callback();
    /// Ends the bar's line, if one was drawn.
    void finish();

private:
    void print(std::int64_t done, std::int64_t total, std::string_view stage);

    bool mTerminal = false;
    bool mDrawn = false;
    std::chrono::steady_clock::time_point mLast{};
    std::chrono::steady_clock::time_point mStart{};
};

/// Cancelled once Ctrl+C (SIGINT) or a polite kill (SIGTERM) arrives after stopOnInterrupt():
/// a long command stops at its next check, and what it committed stays.
const CancelToken& interruptToken();
/// Makes SIGINT and SIGTERM cancel interruptToken() instead of ending the process.
void stopOnInterrupt();

} // namespace pixmark::cli
