#pragma once
// Writing JSON text fast and exactly, for exporters that stream millions of values:
// strings escaped per RFC 8259, numbers in their shortest round-trip form.

#include <string>
#include <string_view>

namespace pixmark::formats {

/// Appends text as a quoted JSON string.
void appendJsonString(std::string& out, std::string_view text);
/// Appends a number in its shortest form that reads back to the same double; integers
/// without a fraction ("12", not "12.0"). Non-finite values are written as 0.
void appendJsonNumber(std::string& out, double value);

} // namespace pixmark::formats
