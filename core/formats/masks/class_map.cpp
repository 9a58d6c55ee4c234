#include "core/formats/masks/class_map.h"

#include "core/formats/format_error.h"

#include <nlohmann/json.hpp>

#include <charconv>

namespace pixmark::formats {

namespace {

int pixelValue(const std::string& key, const std::string& file, const std::string& path)
{
    int value = -1;
    const auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), value);
    if (key.empty() || error != std::errc() || end != key.data() + key.size() || value < 0 || value > 255)
        throw FormatError({file, -1, -1, path}, "the key \"" + key.substr(0, 40) + "\" is not a pixel value from 0 to 255");
    return value;
}

std::map<int, std::string> readNames(const nlohmann::json& object, const std::string& file, const std::string& path)
{
    std::map<int, std::string> names;
    for (const auto& [key, name] : object.items()) {
        const std::string at = path + "." + key.substr(0, 40);
        const int value = pixelValue(key, file, at);
        if (!name.is_string())
            throw FormatError({file, -1, -1, at}, "a class name must be a string");
        if (!names.emplace(value, name.get<std::string>()).second)
            throw FormatError({file, -1, -1, at}, "pixel value " + std::to_string(value) + " is named twice");
    }
    return names;
}

} // namespace

ClassMap parseClassMap(std::string_view text, const std::string& file)
{
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& error) {
        throw FormatError({file, -1, static_cast<std::int64_t>(error.byte), {}}, "not valid JSON");
    }
    if (!json.is_object())
        throw FormatError({file, -1, -1, "$"}, "class_map.json must be an object");
    ClassMap map;
    if (!json.contains("classes")) {
        map.names = readNames(json, file, "$");
        return map;
    }
    if (!json["classes"].is_object())
        throw FormatError({file, -1, -1, "$.classes"}, "must be an object of pixel value -> class name");
    map.names = readNames(json["classes"], file, "$.classes");
    if (json.contains("colors")) {
        if (!json["colors"].is_object())
            throw FormatError({file, -1, -1, "$.colors"}, "must be an object of pixel value -> [r, g, b]");
        for (const auto& [key, color] : json["colors"].items()) {
            const std::string at = "$.colors." + key.substr(0, 40);
            const int value = pixelValue(key, file, at);
            if (!color.is_array() || color.size() != 3)
                throw FormatError({file, -1, -1, at}, "a color must be [r, g, b]");
            Rgb rgb{};
            for (std::size_t i = 0; i < 3; ++i) {
                if (!color[i].is_number_integer() || color[i].get<std::int64_t>() < 0 || color[i].get<std::int64_t>() > 255)
                    throw FormatError({file, -1, -1, at + "[" + std::to_string(i) + "]"}, "must be an integer from 0 to 255");
                rgb[i] = static_cast<std::uint8_t>(color[i].get<int>());
            }
            map.colors[value] = rgb;
        }
    }
    return map;
}

std::string toClassMapJson(const ClassMap& map)
{
    nlohmann::ordered_json classes = nlohmann::ordered_json::object();
    nlohmann::ordered_json colors = nlohmann::ordered_json::object();
    for (const auto& [value, name] : map.names)
        classes[std::to_string(value)] = name;
    for (const auto& [value, color] : map.colors)
        colors[std::to_string(value)] = {color[0], color[1], color[2]};
    nlohmann::ordered_json json;
    json["classes"] = classes;
    json["colors"] = colors;
    return json.dump(2) + "\n";
}

Rgb vocColor(int value)
{
    Rgb color{};
    for (int bit = 7, v = value; v > 0 && bit >= 0; --bit, v >>= 3)
        for (int channel = 0; channel < 3; ++channel)
            color[static_cast<std::size_t>(channel)] |= static_cast<std::uint8_t>(((v >> channel) & 1) << bit);
    return color;
}

} // namespace pixmark::formats
