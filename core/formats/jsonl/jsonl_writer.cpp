#include "core/errors.h"
#include "core/formats/jsonl/export_files.h"
#include "core/formats/jsonl/jsonl_format.h"
#include "core/geometry/mask_rle.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>

namespace pixmark::formats {

namespace {

using Json = nlohmann::ordered_json;

const std::string& className(const std::map<ClassId, std::string>& names, ClassId id)
{
    const auto it = names.find(id);
    if (it == names.end())
        throw ValidationError("An annotation names class " + std::to_string(id) + ", which is not in the export.");
    return it->second;
}

std::string extensionOf(const std::string& fileName)
{
    std::string ext = std::filesystem::path(fileName).extension().string();
    if (!ext.empty())
        ext.erase(0, 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

double normalized(double value, int side)
{
    return std::clamp(value / side, 0.0, 1.0);
}

/// One instance's outline in pixels, whatever kind the shape was drawn as.
std::optional<Polygon> outlineOf(const Annotation& annotation)
{
    switch (annotation.kind) {
    case AnnotationKind::Polygon:
        return parsePolygon(annotation.geometry);
    case AnnotationKind::Mask:
        return polygonFromMask(parseMask(annotation.geometry));
    case AnnotationKind::Box: {
        const Box b = parseBox(annotation.geometry);
        return Polygon{{{b.x, b.y}, {b.x + b.w, b.y}, {b.x + b.w, b.y + b.h}, {b.x, b.y + b.h}}};
    }
    case AnnotationKind::Tag:
        break;
    }
    return std::nullopt;
}

/// The "label" value of one image, and the scores of its entries (empty unless all have one).
bool labelOf(const ExportDataset& dataset, const std::map<ClassId, std::string>& names, const ExportImage& image,
             Json& label, std::vector<double>& scores)
{
    std::vector<std::optional<double>> found;
    const auto needSize = [&] {
        if (image.width <= 0 || image.height <= 0)
            throw ValidationError("The image \"" + image.fileName +
                                  "\" has no size; boxes and polygons cannot be "
                                  "normalized.");
    };
    switch (dataset.taskType) {
    case TaskType::ClassificationMultiClass:
        for (const Annotation& a : image.annotations)
            if (a.kind == AnnotationKind::Tag) {
                label = className(names, a.classId);
                found.push_back(a.score);
                break;
            }
        if (found.empty())
            return false;
        break;
    case TaskType::ClassificationMultiLabel:
        label = Json::array();
        for (const Annotation& a : image.annotations)
            if (a.kind == AnnotationKind::Tag) {
                label.push_back(className(names, a.classId));
                found.push_back(a.score);
            }
        break;
    case TaskType::ObjectDetection:
        label = Json::array();
        for (const Annotation& a : image.annotations) {
            if (a.kind != AnnotationKind::Box)
                continue;
            needSize();
            const Box b = parseBox(a.geometry);
            label.push_back(Json{{"label", className(names, a.classId)},
                                 {"topX", normalized(b.x, image.width)},
                                 {"topY", normalized(b.y, image.height)},
                                 {"bottomX", normalized(b.x + b.w, image.width)},
                                 {"bottomY", normalized(b.y + b.h, image.height)},
                                 {"isCrowd", 0}});
            found.push_back(a.score);
        }
        break;
    case TaskType::InstanceSegmentation:
        label = Json::array();
        for (const Annotation& a : image.annotations) {
            const std::optional<Polygon> outline = outlineOf(a);
            if (!outline)
                continue;
            needSize();
            Json ring = Json::array();
            for (const Point& p : outline->points) {
                ring.push_back(normalized(p.x, image.width));
                ring.push_back(normalized(p.y, image.height));
            }
            label.push_back(
                Json{{"label", className(names, a.classId)}, {"isCrowd", 0}, {"polygon", Json::array({ring})}});
            found.push_back(a.score);
        }
        break;
    case TaskType::SemanticSegmentation:
        throw ValidationError("The JSONL format does not offer semantic segmentation.");
    }
    if (!found.empty() && std::all_of(found.begin(), found.end(), [](const auto& s) { return s.has_value(); }))
        for (const auto& s : found)
            scores.push_back(*s);
    return true;
}

} // namespace

void writeJsonl(const ExportDataset& dataset, const std::filesystem::path& folder)
{
    if (dataset.taskType == TaskType::SemanticSegmentation)
        throw ValidationError("The JSONL format does not offer semantic segmentation.");
    std::map<ClassId, std::string> names;
    for (const Category& category : dataset.categories)
        names[category.id] = category.name;

    ExportFiles files(folder, dataset.name, ".jsonl");
    dataset.forEachImage([&](const ExportImage& image) {
        Json label;
        std::vector<double> scores;
        if (!labelOf(dataset, names, image, label, scores))
            return;
        Json line{{"image_url", image.fileName}};
        Json details{{"format", extensionOf(image.fileName)}};
        if (image.width > 0 && image.height > 0) {
            details["width"] = std::to_string(image.width) + "px";
            details["height"] = std::to_string(image.height) + "px";
        }
        line["image_details"] = std::move(details);
        line["label"] = std::move(label);
        if (!scores.empty()) {
            if (dataset.taskType == TaskType::ClassificationMultiClass)
                line["label_confidence"] = scores.front();
            else
                line["label_confidence"] = scores;
        }
        files.forSplit(image.split) << line.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
    });
    files.finish();
}

} // namespace pixmark::formats
