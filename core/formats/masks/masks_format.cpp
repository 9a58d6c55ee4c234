#include "core/formats/masks/masks_format.h"

#include "core/formats/format_error.h"
#include "core/formats/masks/masks_files_p.h"

#include <algorithm>
#include <fstream>
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

std::string readBytes(const std::filesystem::path& file, std::uintmax_t maxBytes)
{
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(file, error);
    if (error)
        throw FormatError({file.string()}, "cannot be read: " + error.message());
    if (size > maxBytes)
        throw FormatError({file.string()}, "is " + std::to_string(size) + " bytes, more than a file of this kind can be");
    std::ifstream stream(file, std::ios::binary);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    if (!stream || !stream.read(bytes.data(), static_cast<std::streamsize>(size)))
        throw FormatError({file.string()}, "cannot be read");
    return bytes;
}

std::vector<std::filesystem::path> pngFiles(const std::filesystem::path& folder)
{
    std::vector<std::filesystem::path> files;
    std::error_code error;
    std::filesystem::recursive_directory_iterator it(folder, std::filesystem::directory_options::skip_permission_denied, error);
    for (; !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error))
        if (it->is_regular_file(error) && it->path().extension() == ".png")
            files.push_back(it->path());
    if (error)
        throw FormatError({folder.string()}, "cannot be listed: " + error.message());
    std::sort(files.begin(), files.end());
    return files;
}

ClassMap readClassMap(const std::filesystem::path& root)
{
    const std::filesystem::path file = root / "class_map.json";
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error))
        throw FormatError({root.string()}, "has no class_map.json naming the mask values");
    return parseClassMap(readBytes(file, 16u << 20), file.string());
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
