#include "core/ingest/readers/dicom/large_stack.h"

#include <exception>

#if !defined(_WIN32)
#include <pthread.h>
#endif

namespace pixmark::ingest {

#if defined(_WIN32)

// Not implemented for Windows yet (CreateThread with STACK_SIZE_PARAM_IS_A_RESERVATION
// would do); callers refuse the file instead.
bool runOnLargeStack(std::size_t, const std::function<void()>&)
{
    return false;
}

#else

namespace {

struct Job {
    const std::function<void()>* work = nullptr;
    std::exception_ptr error;
};

void* threadMain(void* argument)
{
    auto& job = *static_cast<Job*>(argument);
    try {
        (*job.work)();
    } catch (...) {
        job.error = std::current_exception();
    }
    return nullptr;
}

} // namespace

bool runOnLargeStack(std::size_t stackBytes, const std::function<void()>& work)
{
    Job job{&work, nullptr};
    pthread_attr_t attributes;
    if (pthread_attr_init(&attributes) != 0)
        return false;
    pthread_t thread{};
    const bool started = pthread_attr_setstacksize(&attributes, stackBytes) == 0 &&
                         pthread_create(&thread, &attributes, threadMain, &job) == 0;
    pthread_attr_destroy(&attributes);
    if (!started)
        return false;
    pthread_join(thread, nullptr);
    if (job.error)
        std::rethrow_exception(job.error);
    return true;
}

#endif

} // namespace pixmark::ingest
