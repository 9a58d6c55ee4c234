#pragma once
// Small text helpers shared by the parsers of names, keys and imported files.

#include <string>
#include <string_view>

namespace pixmark {

/// `text` without leading and trailing ASCII whitespace (space, tab, CR, LF, VT, FF).
std::string trimmed(std::string_view text);

/// `text` with A-Z lowered; other bytes (UTF-8 included) unchanged.
std::string lowercase(std::string_view text);

} // namespace pixmark
