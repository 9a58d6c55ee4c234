#pragma once
// Validation of names and colors typed by people. Each function returns the cleaned
// value or throws ValidationError with a message that says what to change.

#include <string>
#include <string_view>

namespace pixmark {

inline constexpr std::size_t kMaxProjectNameLength = 120;
inline constexpr std::size_t kMaxClassNameLength = 100;

/// Trimmed project name: non-empty, no path separators or control characters, at most
/// kMaxProjectNameLength bytes, not "." or "..".
std::string validateProjectName(std::string_view name);
/// Trimmed class name: non-empty, no control characters, at most kMaxClassNameLength bytes.
std::string validateClassName(std::string_view name);
/// Lowercase "#rrggbb" from "#RRGGBB", "rrggbb" or "#rgb".
std::string normalizeColor(std::string_view color);
/// A distinct color for the n-th class (a fixed, colorblind-aware palette, then repeats).
std::string paletteColor(std::size_t index);

} // namespace pixmark
