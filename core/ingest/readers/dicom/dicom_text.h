#pragma once
// DICOM text values as std::string.

#include <string>
#include <string_view>

namespace pixmark::ingest {

/// The value without DICOM's padding (trailing spaces, a NUL after odd-length UIDs) and
/// without surrounding white space.
std::string trimmedDicomText(std::string_view value);

} // namespace pixmark::ingest
