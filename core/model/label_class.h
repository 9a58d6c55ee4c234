#pragma once
// A label class as stored in a project.

#include <cstdint>
#include <optional>
#include <string>

namespace pixmark {

using ClassId = std::int64_t;

/// One label class. position orders classes in lists and grids; archived classes keep
/// their labels but are not offered for new ones and hold no hotkey.
struct LabelClass {
    ClassId id = 0;
    std::string name;
    std::string color; ///< "#rrggbb"
    std::optional<std::string> hotkey;
    int position = 0;
    std::string description;
    bool archived = false;
};

/// What happens to existing labels when classes are added to a project that has some.
enum class LabelResetMode {
    StartOver,                ///< every item becomes unlabeled; history is kept
    StartOverKeepSuggestions, ///< items become unlabeled, their labels return as suggestions
    Continue,                 ///< existing labels stay as they are
};

} // namespace pixmark
