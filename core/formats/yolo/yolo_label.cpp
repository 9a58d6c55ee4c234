#include "core/formats/yolo/yolo_label.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace pixmark::formats {

namespace {

// Six decimals of rounding on both center and size may push an edge this far past 0 or 1.
constexpr double kEdgeSlack = 2e-6;

std::string number(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.6f", std::clamp(value, 0.0, 1.0));
    return text;
}

} // namespace

YoloLabel parseYoloLine(std::string_view line, std::size_t classCount, const SourcePosition& where)
{
    std::vector<std::string_view> fields;
    std::size_t position = 0;
    while (position < line.size()) {
        while (position < line.size() && (line[position] == ' ' || line[position] == '\t' || line[position] == '\r'))
            ++position;
        const std::size_t start = position;
        while (position < line.size() && line[position] != ' ' && line[position] != '\t' && line[position] != '\r')
            ++position;
        if (position > start)
            fields.push_back(line.substr(start, position - start));
    }
    if (fields.size() < 5 || (fields.size() != 5 && (fields.size() - 1) % 2 != 0))
        throw FormatError(where, "expected \"class cx cy w h\" or \"class x1 y1 x2 y2 x3 y3 ...\", found " +
                                     std::to_string(fields.size()) + " fields");
    YoloLabel label;
    const std::string_view classField = fields.front();
    const auto [classEnd, classError] =
        std::from_chars(classField.data(), classField.data() + classField.size(), label.classIndex);
    if (classError != std::errc() || classEnd != classField.data() + classField.size())
        throw FormatError(where, "class \"" + std::string(classField.substr(0, 40)) + "\" is not a non-negative integer");
    if (label.classIndex >= classCount)
        throw FormatError(where, "class index " + std::to_string(label.classIndex) + " is out of range: data.yaml names " +
                                     std::to_string(classCount) + " classes");
    label.isBox = fields.size() == 5;
    for (std::size_t i = 1; i < fields.size(); ++i) {
        const std::string_view field = fields[i];
        double value = 0;
        const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
        if (error != std::errc() || end != field.data() + field.size() || !std::isfinite(value))
            throw FormatError(where, "field " + std::to_string(i + 1) + " \"" + std::string(field.substr(0, 40)) +
                                         "\" is not a finite number");
        if (value < 0 || value > 1)
            throw FormatError(where, "field " + std::to_string(i + 1) + " (" + std::string(field.substr(0, 40)) +
                                         ") is outside 0..1: YOLO coordinates are normalized");
        label.values.push_back(value);
    }
    if (label.isBox) {
        const double cx = label.values[0], cy = label.values[1], w = label.values[2], h = label.values[3];
        if (cx - w / 2 < -kEdgeSlack || cx + w / 2 > 1 + kEdgeSlack || cy - h / 2 < -kEdgeSlack ||
            cy + h / 2 > 1 + kEdgeSlack)
            throw FormatError(where, "the box reaches outside the image");
    }
    return label;
}

std::string toPixelGeometry(const YoloLabel& label, int width, int height)
{
    const auto clamp01 = [](double v) { return std::clamp(v, 0.0, 1.0); };
    if (label.isBox) {
        const double x0 = clamp01(label.values[0] - label.values[2] / 2);
        const double y0 = clamp01(label.values[1] - label.values[3] / 2);
        const double x1 = clamp01(label.values[0] + label.values[2] / 2);
        const double y1 = clamp01(label.values[1] + label.values[3] / 2);
        return toJson(Box{x0 * width, y0 * height, (x1 - x0) * width, (y1 - y0) * height});
    }
    Polygon polygon;
    for (std::size_t i = 0; i + 1 < label.values.size(); i += 2)
        polygon.points.push_back({label.values[i] * width, label.values[i + 1] * height});
    return toJson(polygon);
}

std::string yoloBoxLine(std::size_t classIndex, const Box& box, int width, int height)
{
    const double x0 = std::clamp(box.x / width, 0.0, 1.0);
    const double y0 = std::clamp(box.y / height, 0.0, 1.0);
    const double x1 = std::clamp((box.x + box.w) / width, 0.0, 1.0);
    const double y1 = std::clamp((box.y + box.h) / height, 0.0, 1.0);
    return std::to_string(classIndex) + " " + number((x0 + x1) / 2) + " " + number((y0 + y1) / 2) + " " +
           number(x1 - x0) + " " + number(y1 - y0);
}

std::string yoloPolygonLine(std::size_t classIndex, const Polygon& polygon, int width, int height)
{
    std::string line = std::to_string(classIndex);
    for (const Point& point : polygon.points)
        line += " " + number(point.x / width) + " " + number(point.y / height);
    return line;
}

} // namespace pixmark::formats
