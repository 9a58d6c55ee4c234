#include "core/formats/yolo/yolo_format.h"

#include "core/errors.h"
#include "core/formats/format_files.h"
#include "core/formats/yolo/data_yaml.h"
#include "core/formats/yolo/yolo_label.h"
#include "core/geometry/mask_rle.h"
#include "core/ingest/image_readers.h"

#include <fstream>
#include <map>
#include <set>

namespace pixmark::formats {

namespace {

// ExportImage's size, or its source file's when the dataset does not say.
std::pair<int, int> imageSize(const ExportImage& image)
{
    if (image.width > 0 && image.height > 0)
        return {image.width, image.height};
    const ingest::ImageHeader header = ingest::probeImage(image.source);
    return {header.width, header.height};
}

std::optional<Polygon> polygonOf(const Annotation& annotation)
{
    switch (annotation.kind) {
    case AnnotationKind::Polygon: return parsePolygon(annotation.geometry);
    case AnnotationKind::Box: {
        const Box box = parseBox(annotation.geometry);
        return Polygon{{{box.x, box.y}, {box.x + box.w, box.y}, {box.x + box.w, box.y + box.h}, {box.x, box.y + box.h}}};
    }
    case AnnotationKind::Mask: return polygonFromMask(parseMask(annotation.geometry));
    case AnnotationKind::Tag: break;
    }
    return std::nullopt;
}

std::optional<Box> boxOf(const Annotation& annotation)
{
    if (annotation.kind == AnnotationKind::Box)
        return parseBox(annotation.geometry);
    if (annotation.kind == AnnotationKind::Polygon || annotation.kind == AnnotationKind::Mask)
        if (const auto polygon = polygonOf(annotation))
            return boundingBox(*polygon);
    return std::nullopt;
}

} // namespace

void YoloFormat::write(const ExportDataset& dataset, const std::filesystem::path& folder) const
{
    if (!canExport(dataset.taskType))
        throw ValidationError("YOLO exports object detection and instance segmentation, not " +
                              std::string(displayName(dataset.taskType)) + ".");
    std::map<ClassId, std::size_t> classIndex;
    DataYaml yaml;
    yaml.path = ".";
    for (const Category& category : dataset.categories) {
        classIndex.emplace(category.id, yaml.names.size());
        yaml.names.push_back(category.name);
    }
    const bool segmentation = dataset.taskType == TaskType::InstanceSegmentation;
    std::set<std::string> splits;
    dataset.forEachImage([&](const ExportImage& image) {
        const std::filesystem::path name = exportRelativePath(image);
        const auto [width, height] = imageSize(image);
        std::string text;
        for (const Annotation& annotation : image.annotations) {
            const auto index = classIndex.find(annotation.classId);
            if (index == classIndex.end())
                throw ValidationError("Image \"" + image.fileName + "\" has a shape of class " +
                                      std::to_string(annotation.classId) + ", which is not among the categories.");
            if (segmentation) {
                if (const auto polygon = polygonOf(annotation))
                    text += yoloPolygonLine(index->second, *polygon, width, height) + "\n";
            } else if (const auto box = boxOf(annotation)) {
                text += yoloBoxLine(index->second, *box, width, height) + "\n";
            }
        }
        std::filesystem::path labels = folder / "labels";
        if (!image.split.empty()) {
            labels /= image.split;
            splits.insert(image.split);
        }
        writeWholeFile(labels / std::filesystem::path(name).replace_extension(".txt"), text);
    });
    for (const std::string& split : splits)
        yaml.splits[split] = "images/" + split;
    if (splits.empty()) {
        yaml.splits["train"] = "images";
        yaml.splits["val"] = "images";
    }
    writeWholeFile(folder / "data.yaml", toDataYamlText(yaml));
}

} // namespace pixmark::formats
