#include "core/formats/masks/masks_format.h"

#include "core/formats/format_error.h"
#include "core/formats/format_files.h"
#include "core/formats/masks/masks_files_p.h"

#include <system_error>

namespace pixmark::formats {

std::string_view MasksFormat::description() const
{
    return "Semantic segmentation masks: one palette PNG per image (value = class) and class_map.json";
}

const Format& masksFormat()
{
    static const MasksFormat format;
    return format;
}

namespace masks {

ClassMap readClassMap(const std::filesystem::path& root)
{
    const std::filesystem::path file = root / "class_map.json";
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error))
        throw FormatError({root.string()}, "has no class_map.json naming the mask values");
    return parseClassMap(readFileBytes(file, 16u << 20), file.string());
}

std::filesystem::path maskFolder(const std::filesystem::path& root)
{
    std::error_code error;
    return std::filesystem::is_directory(root / "SegmentationClass", error) ? root / "SegmentationClass" : root;
}

std::optional<std::filesystem::path> imageFor(const std::filesystem::path& root, const std::filesystem::path& maskRelative)
{
    static const char* const extensions[] = {".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".dcm", ".JPG", ".JPEG", ".PNG"};
    std::error_code error;
    for (const char* folder : {"JPEGImages", "images"})
        for (const char* extension : extensions) {
            const std::filesystem::path candidate =
                root / folder / maskRelative.parent_path() / (maskRelative.stem().string() + extension);
            if (std::filesystem::is_regular_file(candidate, error))
                return candidate;
        }
    return std::nullopt;
}

} // namespace masks

} // namespace pixmark::formats
