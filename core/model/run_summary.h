#pragma once
// A run's outcome in a few words for people (the dashboard and `pixmark-cli runs`), read
// from the metrics each step records.

#include "core/model/run.h"

#include <string>

namespace pixmark {

/// E.g. "held-out accuracy 0.83 (250 held out, 47 epochs)", "precision 0.96 at coverage
/// 0.60", "412 of 900 prelabeled"; the message for a run that failed or stopped.
std::string runSummary(const Run& run);

} // namespace pixmark
