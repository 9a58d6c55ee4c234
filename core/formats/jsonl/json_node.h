#pragma once
// A JSON value together with where it was found (file, line, JSON path), so that every
// accessor of the JSON-based readers can refuse bad input with a FormatError that names
// the exact place. Accessors never let a JSON library exception escape.

#include "core/formats/format_error.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pixmark::formats {

/// The largest image side the JSON-based readers accept.
inline constexpr int kMaxImageSide = 1'000'000;
/// The largest absolute value a number may have before it is refused as absurd.
inline constexpr double kMaxJsonMagnitude = 1e9;

/// Parses text as one JSON document; throws FormatError at where (with the byte offset of
/// the problem when the parser knows it) for malformed JSON.
nlohmann::json parseJsonText(std::string_view text, const SourcePosition& where);

/// A view of a value inside a parsed document; the document must outlive it.
class JsonNode {
public:
    /// The document's root; where names the file (and line) and gets the path "$".
    JsonNode(const nlohmann::json& value, SourcePosition where);

    const nlohmann::json& value() const { return *mValue; }
    /// Its place, for errors about it.
    const SourcePosition& position() const { return mWhere; }
    [[noreturn]] void fail(const std::string& why) const;

    bool isObject() const { return mValue->is_object(); }
    bool isArray() const { return mValue->is_array(); }
    bool isString() const { return mValue->is_string(); }
    bool isNumber() const { return mValue->is_number(); }
    bool isNull() const { return mValue->is_null(); }

    /// The member key of this object; fails when this is not an object or key is missing.
    JsonNode operator[](std::string_view key) const;
    /// The member key, or nullopt when absent or null; fails when this is not an object.
    std::optional<JsonNode> find(std::string_view key) const;
    /// Element index of this array (fails when not an array or out of range).
    JsonNode at(std::size_t index) const;
    /// Number of elements; fails when this is not an array.
    std::size_t arraySize() const;

    /// The string; fails when not a string.
    const std::string& string() const;
    /// The string; fails when not a string or empty (only spaces count as empty).
    const std::string& nonEmptyString() const;
    /// A finite number with |x| <= kMaxJsonMagnitude; fails otherwise.
    double number() const;
    /// A number between 0 and 1 (inclusive); fails otherwise.
    double fraction() const;
    /// An integer between min and max; fails otherwise.
    std::int64_t integer(std::int64_t min, std::int64_t max) const;

private:
    JsonNode(const nlohmann::json& value, SourcePosition where, int);
    const nlohmann::json* mValue;
    SourcePosition mWhere;
};

/// A short decimal form of value for messages ("0.25", "1e+300").
std::string formatJsonNumber(double value);

} // namespace pixmark::formats
