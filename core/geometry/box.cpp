#include "core/geometry/box.h"

#include "core/errors.h"
#include "core/geometry/json_fields_p.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

namespace pixmark {

namespace {

// The form boxes are stored in, {"x":1,"y":2,"w":3,"h":4} (keys in any order, spaces
// allowed), read without building a JSON tree: exports and imports read millions. Anything
// else (escapes, other keys, other types) returns nullopt and goes through the full parser.
std::optional<Box> parseStoredBox(std::string_view text)
{
    std::size_t i = 0;
    const auto skipSpace = [&] {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
            ++i;
    };
    const auto take = [&](char c) {
        skipSpace();
        if (i >= text.size() || text[i] != c)
            return false;
        ++i;
        return true;
    };
    Box box;
    unsigned seen = 0;
    if (!take('{'))
        return std::nullopt;
    while (true) {
        if (!take('"') || i + 1 >= text.size() || text[i + 1] != '"')
            return std::nullopt;
        const char key = text[i];
        i += 2;
        if (!take(':'))
            return std::nullopt;
        skipSpace();
        double value = 0;
        const auto [end, error] = std::from_chars(text.data() + i, text.data() + text.size(), value);
        if (error != std::errc() || !std::isfinite(value))
            return std::nullopt;
        i = static_cast<std::size_t>(end - text.data());
        const unsigned bit = key == 'x' ? 1u : key == 'y' ? 2u : key == 'w' ? 4u : key == 'h' ? 8u : 0u;
        if (bit == 0 || (seen & bit))
            return std::nullopt;
        seen |= bit;
        (key == 'x' ? box.x : key == 'y' ? box.y : key == 'w' ? box.w : box.h) = value;
        if (take(','))
            continue;
        if (!take('}'))
            return std::nullopt;
        break;
    }
    skipSpace();
    if (i != text.size() || seen != 15)
        return std::nullopt;
    return box;
}

} // namespace

Box parseBox(std::string_view json)
{
    Box box;
    if (const auto stored = parseStoredBox(json)) {
        box = *stored;
    } else {
        const nlohmann::json doc = parseGeometryObject(json, "box");
        box.x = finiteNumber(doc, "x", "box");
        box.y = finiteNumber(doc, "y", "box");
        box.w = finiteNumber(doc, "w", "box");
        box.h = finiteNumber(doc, "h", "box");
    }
    if (box.w < 0 || box.h < 0)
        throw ValidationError("A box has a negative width or height (w " + formatNumber(box.w) + ", h " +
                              formatNumber(box.h) + ").");
    return box;
}

std::string toJson(const Box& box)
{
    // Shortest round-trip numbers, as nlohmann writes them, without building a tree.
    std::string text = "{\"h\":";
    const auto number = [&](double value) {
        char buffer[32];
        const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
        text.append(buffer, result.ptr);
        if (std::find_if(buffer, result.ptr, [](char c) { return c == '.' || c == 'e' || c == 'n' || c == 'i'; }) ==
            result.ptr)
            text += ".0"; // a double stays a double: 2.0, not 2
    };
    number(box.h);
    text += ",\"w\":";
    number(box.w);
    text += ",\"x\":";
    number(box.x);
    text += ",\"y\":";
    number(box.y);
    text += '}';
    return text;
}

double area(const Box& box)
{
    return box.w * box.h;
}

double iou(const Box& a, const Box& b)
{
    const double iw = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
    const double ih = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
    const double inter = iw > 0 && ih > 0 ? iw * ih : 0.0;
    const double uni = area(a) + area(b) - inter;
    return uni > 0 ? inter / uni : 0.0;
}

} // namespace pixmark
