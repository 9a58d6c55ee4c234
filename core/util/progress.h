#pragma once
// Progress reporting and cancellation for long operations (ingest, thumbnails, caches,
// exports). Core never blocks on the receiver: the callback must return quickly.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

namespace pixmark {

/// Called with the work done so far, the total (0 while unknown) and the stage's name.
using ProgressCallback = std::function<void(std::int64_t done, std::int64_t total, std::string_view stage)>;

/// Shared flag a caller sets to ask a running operation to stop at the next safe point.
/// Copies share the flag.
class CancelToken {
public:
    CancelToken() : mFlag(std::make_shared<std::atomic<bool>>(false)) {}
    void cancel() { mFlag->store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return mFlag->load(std::memory_order_relaxed); }

private:
    std::shared_ptr<std::atomic<bool>> mFlag;
};

} // namespace pixmark
