#include "core/formats/masks/masks_format.h"

#include "core/errors.h"
#include "core/formats/format_files.h"
#include "core/formats/masks/class_map.h"
#include "core/formats/masks/indexed_png.h"
#include "core/geometry/mask_rle.h"
#include "core/ingest/image_readers.h"

#include <fstream>
#include <map>

namespace pixmark::formats {

void MasksFormat::write(const ExportDataset& dataset, const std::filesystem::path& folder) const
{
    if (!canExport(dataset.taskType))
        throw ValidationError("Mask export is for semantic segmentation only, not " + std::string(displayName(dataset.taskType)) + ".");
    if (dataset.categories.size() > 254)
        throw ValidationError("Mask export holds at most 254 classes (pixel values 1 to 254); the project has " +
                              std::to_string(dataset.categories.size()) + ".");
    ClassMap classMap;
    classMap.names[0] = "background";
    std::map<ClassId, std::uint8_t> values;
    for (std::size_t i = 0; i < dataset.categories.size(); ++i) {
        const int value = static_cast<int>(i) + 1;
        values.emplace(dataset.categories[i].id, static_cast<std::uint8_t>(value));
        classMap.names[value] = dataset.categories[i].name;
    }
    for (const auto& [value, name] : classMap.names)
        classMap.colors[value] = vocColor(value);
    IndexedPng png;
    for (int value = 0; value < 256; ++value)
        png.palette.push_back(vocColor(value));

    dataset.forEachImage([&](const ExportImage& image) {
        const std::filesystem::path name = exportRelativePath(image);
        png.width = image.width;
        png.height = image.height;
        if (png.width <= 0 || png.height <= 0) {
            const ingest::ImageHeader header = ingest::probeImage(image.source);
            png.width = header.width;
            png.height = header.height;
        }
        png.pixels.assign(std::size_t(png.width) * std::size_t(png.height), 0);
        for (const Annotation& annotation : image.annotations) {
            if (annotation.kind != AnnotationKind::Mask)
                continue;
            const auto value = values.find(annotation.classId);
            if (value == values.end())
                throw ValidationError("Image \"" + image.fileName + "\" has a mask of class " +
                                      std::to_string(annotation.classId) + ", which is not among the categories.");
            const MaskRle mask = parseMask(annotation.geometry);
            if (mask.width != png.width || mask.height != png.height)
                throw ValidationError("Image \"" + image.fileName + "\" is " + std::to_string(png.width) + " x " +
                                      std::to_string(png.height) + " but has a " + std::to_string(mask.width) + " x " +
                                      std::to_string(mask.height) + " mask.");
            const std::vector<std::uint8_t> bits = decodeMask(mask);
            for (std::size_t i = 0; i < bits.size(); ++i)
                if (bits[i])
                    png.pixels[i] = value->second;
        }
        writeIndexedPng(folder / "SegmentationClass" / std::filesystem::path(name).replace_extension(".png"), png);
    });

    const std::filesystem::path mapFile = folder / "class_map.json";
    std::ofstream stream(mapFile, std::ios::binary | std::ios::trunc);
    stream << toClassMapJson(classMap);
    stream.close();
    if (!stream)
        throw Error("Cannot write " + mapFile.string() + ".");
}

} // namespace pixmark::formats
