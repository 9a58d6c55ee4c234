#include "core/queue/shuffle.h"

#include <xxhash.h>

namespace pixmark {

std::uint64_t defaultQueueSeed(std::string_view projectUuid)
{
    return XXH3_64bits(projectUuid.data(), projectUuid.size());
}

std::int64_t shuffleKey(std::uint64_t seed, std::string_view relativePath)
{
    // The top bit is dropped so that keys sort the same as signed SQLite integers.
    return static_cast<std::int64_t>(XXH3_64bits_withSeed(relativePath.data(), relativePath.size(), seed) >> 1);
}

} // namespace pixmark
