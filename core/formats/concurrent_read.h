#pragma once
// Overlapping parsing and writing on an import: the format reads on a thread of its own
// while the calling thread (the project's only writer) stores what was read.

#include "core/formats/dataset.h"

#include <functional>

namespace pixmark::formats {

/// Runs read(sink) on a new thread and replays every image and shape it reports into
/// target on the calling thread, in the order read, a few thousand at a time (at most a
/// few such chunks wait, so memory stays bounded). Whatever read throws is rethrown here
/// after the events before it were replayed; when target throws, reading is stopped and
/// that exception is rethrown.
void readConcurrently(const std::function<void(ImportSink&)>& read, ImportSink& target);

} // namespace pixmark::formats
