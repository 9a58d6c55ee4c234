#include "core/util/clock.h"

#include <chrono>

namespace pixmark {

std::int64_t nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace pixmark
