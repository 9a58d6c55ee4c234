#pragma once
// The queue order: every item gets a key when it enters the project, from the queue's
// seed and the item's path, and the queue serves items by key. The same seed and paths
// give the same order, whatever order the items were registered in.

#include <cstdint>
#include <string>
#include <string_view>

namespace pixmark {

/// The seed a project uses until one is set: derived from its uuid, so every project
/// has its own order and keeps it.
std::uint64_t defaultQueueSeed(std::string_view projectUuid);

/// A non-negative key; smaller keys are served first.
std::int64_t shuffleKey(std::uint64_t seed, std::string_view relativePath);

} // namespace pixmark
