#include "core/formats/jsonl/json_node.h"

#include <cctype>
#include <cmath>
#include <sstream>

namespace pixmark::formats {

namespace {

bool isIdentifier(std::string_view key)
{
    if (key.empty() || std::isdigit(static_cast<unsigned char>(key.front())))
        return false;
    for (char c : key)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
            return false;
    return true;
}

std::string childPath(const std::string& parent, std::string_view key)
{
    if (isIdentifier(key))
        return parent + "." + std::string(key);
    return parent + "[" +
           nlohmann::json(std::string(key)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "]";
}

const char* typeName(const nlohmann::json& value)
{
    switch (value.type()) {
    case nlohmann::json::value_t::null:
        return "null";
    case nlohmann::json::value_t::object:
        return "an object";
    case nlohmann::json::value_t::array:
        return "an array";
    case nlohmann::json::value_t::string:
        return "a string";
    case nlohmann::json::value_t::boolean:
        return "a boolean";
    default:
        return "a number";
    }
}

} // namespace

nlohmann::json parseJsonText(std::string_view text, const SourcePosition& where)
{
    try {
        return nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& error) {
        SourcePosition at = where;
        if (at.line < 0 || error.byte > 0)
            at.byteOffset = static_cast<std::int64_t>(error.byte);
        // The library's message repeats the offset; keep only its reason.
        std::string why = error.what();
        if (const auto colon = why.rfind(": "); colon != std::string::npos)
            why = why.substr(colon + 2);
        throw FormatError(at, "not valid JSON (" + why + ")");
    } catch (const nlohmann::json::exception&) {
        throw FormatError(where, "not valid JSON (a number is out of range)");
    }
}

JsonNode::JsonNode(const nlohmann::json& value, SourcePosition where) : mValue(&value), mWhere(std::move(where))
{
    mWhere.jsonPath = "$";
}

JsonNode::JsonNode(const nlohmann::json& value, SourcePosition where, int) : mValue(&value), mWhere(std::move(where)) {}

void JsonNode::fail(const std::string& why) const
{
    throw FormatError(mWhere, why);
}

JsonNode JsonNode::operator[](std::string_view key) const
{
    std::optional<JsonNode> member = find(key);
    if (!member) {
        SourcePosition at = mWhere;
        at.jsonPath = childPath(mWhere.jsonPath, key);
        throw FormatError(at, "is missing");
    }
    return *member;
}

std::optional<JsonNode> JsonNode::find(std::string_view key) const
{
    if (!mValue->is_object())
        fail(std::string("expected an object, found ") + typeName(*mValue));
    const auto it = mValue->find(key);
    if (it == mValue->end() || it->is_null())
        return std::nullopt;
    SourcePosition at = mWhere;
    at.jsonPath = childPath(mWhere.jsonPath, key);
    return JsonNode(*it, std::move(at), 0);
}

std::size_t JsonNode::arraySize() const
{
    if (!mValue->is_array())
        fail(std::string("expected an array, found ") + typeName(*mValue));
    return mValue->size();
}

JsonNode JsonNode::at(std::size_t index) const
{
    if (index >= arraySize())
        fail("has no element " + std::to_string(index));
    SourcePosition at = mWhere;
    at.jsonPath += "[" + std::to_string(index) + "]";
    return JsonNode((*mValue)[index], std::move(at), 0);
}

const std::string& JsonNode::string() const
{
    if (!mValue->is_string())
        fail(std::string("expected a string, found ") + typeName(*mValue));
    return mValue->get_ref<const std::string&>();
}

const std::string& JsonNode::nonEmptyString() const
{
    const std::string& text = string();
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        fail("is empty");
    return text;
}

double JsonNode::number() const
{
    if (!mValue->is_number())
        fail(std::string("expected a number, found ") + typeName(*mValue));
    const double value = mValue->get<double>();
    if (!std::isfinite(value) || std::abs(value) > kMaxJsonMagnitude)
        fail("the number " + formatJsonNumber(value) + " is out of range");
    return value;
}

double JsonNode::fraction() const
{
    if (!mValue->is_number())
        fail("expected a number between 0 and 1");
    const double value = mValue->get<double>();
    if (!(value >= 0.0 && value <= 1.0))
        fail("expected a number between 0 and 1, found " + formatJsonNumber(value));
    return value;
}

std::int64_t JsonNode::integer(std::int64_t min, std::int64_t max) const
{
    const double value = number();
    if (value != std::floor(value) || value < static_cast<double>(min) || value > static_cast<double>(max))
        fail("expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) + ", found " +
             formatJsonNumber(value));
    return static_cast<std::int64_t>(value);
}

std::string formatJsonNumber(double value)
{
    std::ostringstream text;
    text.precision(6);
    text << value;
    return text.str();
}

} // namespace pixmark::formats
