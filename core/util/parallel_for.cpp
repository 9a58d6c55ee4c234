#include "core/util/parallel_for.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace pixmark {

int defaultThreadCount()
{
    return std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
}

void parallelFor(std::size_t begin, std::size_t end, int threads, const CancelToken& cancel,
                 const std::function<void(std::size_t)>& body)
{
    if (threads <= 0)
        threads = defaultThreadCount();
    std::atomic<std::size_t> next{begin};
    auto work = [&] {
        for (std::size_t i = next++; i < end && !cancel.isCancelled(); i = next++)
            body(i);
    };
    std::vector<std::jthread> pool;
    for (int t = 1; t < threads && static_cast<std::size_t>(t) < end - std::min(begin, end); ++t)
        pool.emplace_back(work);
    work();
}

} // namespace pixmark
