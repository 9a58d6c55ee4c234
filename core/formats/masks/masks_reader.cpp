#include "core/formats/masks/masks_format.h"

#include "core/formats/format_error.h"
#include "core/formats/format_files.h"
#include "core/formats/masks/indexed_png.h"
#include "core/formats/masks/masks_files_p.h"
#include "core/geometry/mask_rle.h"

#include <array>

namespace pixmark::formats {

void MasksFormat::read(const std::filesystem::path& input, ImportSink& sink) const
{
    std::error_code error;
    const std::filesystem::path root = std::filesystem::is_directory(input, error) ? input : input.parent_path();
    const ClassMap classMap = masks::readClassMap(root);
    const std::filesystem::path folder = masks::maskFolder(root);
    std::int64_t key = 0;
    std::vector<std::uint8_t> bitmap;
    for (const std::filesystem::path& file : filesWithExtension(folder, ".png")) {
        const IndexedPng png = readIndexedPng(readFileBytes(file, masks::kMaxMaskBytes), file.string());
        std::array<std::int64_t, 256> firstAt;
        firstAt.fill(-1);
        for (std::size_t i = 0; i < png.pixels.size(); ++i)
            if (firstAt[png.pixels[i]] < 0)
                firstAt[png.pixels[i]] = static_cast<std::int64_t>(i);
        for (int value = 1; value < 255; ++value)
            if (firstAt[std::size_t(value)] >= 0 && !classMap.names.count(value)) {
                const std::int64_t at = firstAt[std::size_t(value)];
                throw FormatError({file.string()}, "pixel value " + std::to_string(value) + " (first at x " +
                                                       std::to_string(at % png.width) + ", y " + std::to_string(at / png.width) +
                                                       ") is not in class_map.json");
            }
        const std::filesystem::path relative = file.lexically_relative(folder);
        const auto image = masks::imageFor(root, relative);
        const std::string reference = image ? image->lexically_relative(root).generic_string()
                                            : std::filesystem::path(relative).replace_extension(".jpg").generic_string();
        ++key;
        sink.image(key, reference, png.width, png.height);
        for (int value = 1; value < 255; ++value) {
            if (firstAt[std::size_t(value)] < 0)
                continue;
            bitmap.assign(png.pixels.size(), 0);
            for (std::size_t i = std::size_t(firstAt[std::size_t(value)]); i < png.pixels.size(); ++i)
                bitmap[i] = png.pixels[i] == value;
            sink.shape(key, classMap.names.at(value), AnnotationKind::Mask,
                       toJson(encodeMask(bitmap.data(), png.width, png.height)), std::nullopt);
        }
    }
}

} // namespace pixmark::formats
