#pragma once
// JSON forms of core values, as printed by pixmark-cli --json. Field names are stable:
// scripts depend on them.

#include "core/model/label_class.h"
#include "core/project/project.h"

#include <nlohmann/json.hpp>

namespace pixmark::cli {

nlohmann::json toJson(const LabelClass& labelClass);
/// The project summary printed by `info`.
nlohmann::json projectSummary(Project& project);

} // namespace pixmark::cli
