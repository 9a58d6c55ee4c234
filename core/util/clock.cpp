#include "core/util/clock.h"

#include <atomic>
#include <chrono>
#include <cstdio>

namespace pixmark {

namespace {
std::atomic<std::int64_t> testOffsetMs{0};
}

std::int64_t nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count() + testOffsetMs.load();
}

void advanceClockForTesting(std::int64_t ms)
{
    testOffsetMs += ms;
}

} // namespace pixmark

namespace pixmark {

std::string formatIsoUtc(std::int64_t ms)
{
    using namespace std::chrono;
    const auto time = system_clock::time_point(milliseconds(ms));
    const auto day = floor<days>(time);
    const year_month_day date(day);
    const hh_mm_ss clock(floor<seconds>(time - day));
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<long>(clock.hours().count()), static_cast<long>(clock.minutes().count()),
                  static_cast<long>(clock.seconds().count()));
    return text;
}

} // namespace pixmark
