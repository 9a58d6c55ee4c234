#include "core/formats/jsonl/input_files.h"
#include "core/formats/jsonl/json_node.h"
#include "core/formats/labelme/labelme_format.h"
#include "core/geometry/polygon.h"

#include <algorithm>
#include <fstream>
#include <iterator>

namespace pixmark::formats {

namespace {

/// How far outside the image a point may lie before it is refused (see the header).
constexpr double kPointBorderTolerance = 1.0;

std::string fileText(const std::filesystem::path& file, const std::string& name)
{
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(file, error);
    if (error)
        throw FormatError(SourcePosition{name}, "the file cannot be read (" + error.message() + ")");
    if (size > kMaxLabelmeFileBytes)
        throw FormatError(SourcePosition{name}, "the file is larger than " +
                                                    std::to_string(kMaxLabelmeFileBytes >> 20) +
                                                    " MiB; it is not a labelme file");
    std::ifstream in(file, std::ios::binary);
    std::string text(static_cast<std::size_t>(size), '\0');
    if (!in.read(text.data(), static_cast<std::streamsize>(size)))
        throw FormatError(SourcePosition{name}, "the file cannot be read");
    return text;
}

std::string referenceOf(std::string imagePath, const std::filesystem::path& jsonFolder)
{
    std::replace(imagePath.begin(), imagePath.end(), '\\', '/');
    const std::filesystem::path path(imagePath);
    if (path.is_absolute() || imagePath.find(':') != std::string::npos)
        return imagePath;
    return (jsonFolder / path).lexically_normal().generic_string();
}

class ShapeReader {
public:
    ShapeReader(int width, int height) : mWidth(width), mHeight(height) {}

    std::vector<Point> points(const JsonNode& list) const
    {
        std::vector<Point> result;
        for (std::size_t i = 0, n = list.arraySize(); i < n; ++i) {
            const JsonNode pair = list.at(i);
            if (pair.arraySize() != 2)
                pair.fail("expected a point [x, y]");
            const double x = pair.at(0).number();
            const double y = pair.at(1).number();
            if (x < -kPointBorderTolerance || y < -kPointBorderTolerance || x > mWidth + kPointBorderTolerance ||
                y > mHeight + kPointBorderTolerance)
                pair.fail("the point (" + formatJsonNumber(x) + ", " + formatJsonNumber(y) + ") is outside the " +
                          std::to_string(mWidth) + "x" + std::to_string(mHeight) + " image");
            result.push_back({std::clamp(x, 0.0, double(mWidth)), std::clamp(y, 0.0, double(mHeight))});
        }
        return result;
    }

private:
    int mWidth;
    int mHeight;
};

void readFile(const std::filesystem::path& file, const std::string& name, const std::filesystem::path& jsonFolder,
              std::int64_t key, ImportSink& sink, LabelmeSummary& summary)
{
    const nlohmann::json doc = parseJsonText(fileText(file, name), SourcePosition{name});
    const JsonNode root(doc, SourcePosition{name});
    if (!root.isObject())
        root.fail("expected a labelme object with imagePath, imageWidth, imageHeight and shapes");
    const std::string reference = referenceOf(root["imagePath"].nonEmptyString(), jsonFolder);
    const int width = static_cast<int>(root["imageWidth"].integer(1, kMaxImageSide));
    const int height = static_cast<int>(root["imageHeight"].integer(1, kMaxImageSide));
    const ShapeReader reader(width, height);

    struct Pending {
        std::string label;
        AnnotationKind kind;
        std::string geometry;
    };
    std::vector<Pending> pending;
    std::map<std::string, std::int64_t> skipped;
    if (const auto shapes = root.find("shapes")) {
        for (std::size_t i = 0, n = shapes->arraySize(); i < n; ++i) {
            const JsonNode shape = shapes->at(i);
            const std::string& label = shape["label"].nonEmptyString();
            std::string type = "polygon";
            if (const auto kind = shape.find("shape_type"))
                type = kind->string();
            const JsonNode points = shape["points"];
            if (type == "rectangle") {
                const std::vector<Point> corners = reader.points(points);
                if (corners.size() != 2)
                    points.fail("a rectangle needs two corners, found " + std::to_string(corners.size()) + " points");
                const double x0 = std::min(corners[0].x, corners[1].x);
                const double y0 = std::min(corners[0].y, corners[1].y);
                const Box box{x0, y0, std::max(corners[0].x, corners[1].x) - x0,
                              std::max(corners[0].y, corners[1].y) - y0};
                if (box.w <= 0 || box.h <= 0)
                    points.fail("the rectangle has no area");
                pending.push_back({label, AnnotationKind::Box, toJson(box)});
            } else if (type == "polygon") {
                Polygon polygon{reader.points(points)};
                if (polygon.points.size() < 3)
                    points.fail("a polygon needs at least three points, found " +
                                std::to_string(polygon.points.size()));
                pending.push_back({label, AnnotationKind::Polygon, toJson(polygon)});
            } else {
                ++skipped[type];
            }
        }
    }
    sink.image(key, reference, width, height);
    for (const Pending& shape : pending)
        sink.shape(key, shape.label, shape.kind, shape.geometry, std::nullopt);
    ++summary.images;
    summary.shapes += static_cast<std::int64_t>(pending.size());
    for (const auto& [type, count] : skipped)
        summary.skipped[type] += count;
}

} // namespace

LabelmeSummary readLabelme(const std::filesystem::path& input, ImportSink& sink)
{
    LabelmeSummary summary;
    std::int64_t key = 0;
    std::error_code error;
    const bool folder = std::filesystem::is_directory(input, error);
    for (const std::filesystem::path& file : inputFiles(input, {".json"}, true)) {
        const std::string name = displayName(file, input);
        const std::filesystem::path jsonFolder =
            folder ? file.parent_path().lexically_relative(input) : std::filesystem::path();
        readFile(file, name, jsonFolder, ++key, sink, summary);
    }
    return summary;
}

} // namespace pixmark::formats
