#include "core/formats/voc/voc_format.h"

#include "core/errors.h"
#include "core/formats/format_files.h"
#include "core/formats/voc/voc_xml.h"
#include "core/ingest/image_readers.h"

#include <algorithm>
#include <fstream>
#include <map>

namespace pixmark::formats {

void VocFormat::write(const ExportDataset& dataset, const std::filesystem::path& folder) const
{
    if (!canExport(dataset.taskType))
        throw ValidationError("Pascal VOC exports object detection only, not " + std::string(displayName(dataset.taskType)) + ".");
    std::map<ClassId, std::string> names;
    for (const Category& category : dataset.categories)
        names.emplace(category.id, category.name);
    std::map<std::string, std::string> splitLists; // split -> its lines
    dataset.forEachImage([&](const ExportImage& image) {
        const std::filesystem::path name = exportRelativePath(image);
        VocAnnotation annotation;
        annotation.folder = dataset.name.empty() ? "images" : dataset.name;
        annotation.filename = image.fileName;
        annotation.width = image.width;
        annotation.height = image.height;
        std::error_code error;
        if (!image.source.empty() && std::filesystem::is_regular_file(image.source, error)) {
            const ingest::ImageHeader header = ingest::probeImage(image.source);
            annotation.depth = header.channels;
            if (annotation.width <= 0 || annotation.height <= 0) {
                annotation.width = header.width;
                annotation.height = header.height;
            }
        }
        if (annotation.width <= 0 || annotation.height <= 0)
            throw ValidationError("The size of \"" + image.fileName + "\" is unknown and its file cannot be read.");
        for (const Annotation& shape : image.annotations) {
            if (shape.kind != AnnotationKind::Box)
                continue;
            const auto category = names.find(shape.classId);
            if (category == names.end())
                throw ValidationError("Image \"" + image.fileName + "\" has a box of class " + std::to_string(shape.classId) +
                                      ", which is not among the categories.");
            const Box box = parseBox(shape.geometry);
            const double x0 = std::clamp(box.x, 0.0, double(annotation.width));
            const double y0 = std::clamp(box.y, 0.0, double(annotation.height));
            const double x1 = std::clamp(box.x + box.w, x0, double(annotation.width));
            const double y1 = std::clamp(box.y + box.h, y0, double(annotation.height));
            annotation.objects.push_back({category->second, Box{x0, y0, x1 - x0, y1 - y0}});
        }
        const std::string stem = std::filesystem::path(name).replace_extension().generic_string();
        writeWholeFile(folder / "Annotations" / (stem + ".xml"), toVocXml(annotation));
        if (!image.split.empty())
            splitLists[image.split] += stem + "\n";
    });
    for (const auto& [split, lines] : splitLists)
        writeWholeFile(folder / "ImageSets" / "Main" / (split + ".txt"), lines);
}

} // namespace pixmark::formats
