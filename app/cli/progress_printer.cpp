#include "app/cli/progress_printer.h"

#include <csignal>

#include <unistd.h>

#include <cstdio>

namespace pixmark::cli {

ProgressPrinter::ProgressPrinter()
    : mTerminal(isatty(STDERR_FILENO) != 0), mStart(std::chrono::steady_clock::now())
{
}

ProgressCallback ProgressPrinter::callback()
{
    return [this](std::int64_t done, std::int64_t total, std::string_view stage) { print(done, total, stage); };
}

void ProgressPrinter::print(std::int64_t done, std::int64_t total, std::string_view stage)
{
    const auto now = std::chrono::steady_clock::now();
    const bool last = total > 0 && done >= total;
    const auto every = mTerminal ? std::chrono::milliseconds(100) : std::chrono::milliseconds(5000);
    if (!last && now - mLast < every)
        return;
    mLast = now;
    const double seconds = std::chrono::duration<double>(now - mStart).count();
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
    if (!mTerminal) {
        std::fprintf(stderr, "%.*s: %lld/%lld (%.0f/s)\n", static_cast<int>(stage.size()), stage.data(),
                     static_cast<long long>(done), static_cast<long long>(total), rate);
        return;
    }
    constexpr int kWidth = 30;
    const int filled = total > 0 ? static_cast<int>(kWidth * done / total) : 0;
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr, "\r%-16.*s [%s] %lld/%lld  %.0f/s ", static_cast<int>(stage.size()), stage.data(),
                 bar.c_str(), static_cast<long long>(done), static_cast<long long>(total), rate);
    std::fflush(stderr);
    mDrawn = true;
}

void ProgressPrinter::finish()
{
    if (mDrawn)
        std::fputc('\n', stderr);
    mDrawn = false;
}

namespace {
CancelToken gInterrupted;
extern "C" void cancelOnSignal(int)
{
    gInterrupted.cancel();
}
} // namespace

const CancelToken& interruptToken()
{
    return gInterrupted;
}

void stopOnInterrupt()
{
    std::signal(SIGINT, cancelOnSignal);
    std::signal(SIGTERM, cancelOnSignal);
}

} // namespace pixmark::cli
