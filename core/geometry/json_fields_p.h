#pragma once
// Shared checks of the geometry parsers, so every shape reports a malformed document
// in the same words. Private to core/geometry.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace pixmark {

/// Parses json as an object; throws ValidationError naming what (a "box", ...) otherwise.
nlohmann::json parseGeometryObject(std::string_view json, const char* what);
/// doc[name] as a finite number; throws ValidationError when missing or not one.
double finiteNumber(const nlohmann::json& doc, const char* name, const char* what);
/// A short decimal form of value for messages.
std::string formatNumber(double value);

} // namespace pixmark
