#include "core/formats/yolo/yolo_format.h"

#include "core/formats/format_error.h"
#include "core/formats/yolo/yolo_files_p.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <system_error>

namespace pixmark::formats {

namespace {
const char* const kImageExtensions[] = {".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".dcm", ".webp",
                                        ".JPG", ".JPEG", ".PNG", ".BMP", ".TIF", ".TIFF", ".DCM", ".WEBP"};
} // namespace

std::string_view YoloFormat::description() const
{
    return "Ultralytics YOLO: data.yaml and one normalized label file per image (boxes or polygons)";
}

bool YoloFormat::canExport(TaskType type) const
{
    return type == TaskType::ObjectDetection || type == TaskType::InstanceSegmentation;
}

const Format& yoloFormat()
{
    static const YoloFormat format;
    return format;
}

namespace yolo {

std::string readText(const std::filesystem::path& file, std::uintmax_t maxBytes)
{
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(file, error);
    if (error)
        throw FormatError({file.string()}, "cannot be read: " + error.message());
    if (size > maxBytes)
        throw FormatError({file.string()}, "is " + std::to_string(size) + " bytes, more than a file of this kind can be (" +
                                               std::to_string(maxBytes) + ")");
    std::ifstream stream(file, std::ios::binary);
    std::string text(static_cast<std::size_t>(size), '\0');
    if (!stream || !stream.read(text.data(), static_cast<std::streamsize>(size)))
        throw FormatError({file.string()}, "cannot be read");
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0)
        text.erase(0, 3); // a UTF-8 byte order mark, as some Windows editors write
    return text;
}

std::vector<std::filesystem::path> labelFiles(const std::filesystem::path& labelsFolder)
{
    std::vector<std::filesystem::path> files;
    std::error_code error;
    if (!std::filesystem::is_directory(labelsFolder, error))
        return files;
    std::filesystem::recursive_directory_iterator it(labelsFolder, std::filesystem::directory_options::skip_permission_denied, error);
    for (; !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error))
        if (it->is_regular_file(error) && it->path().extension() == ".txt")
            files.push_back(it->path());
    if (error)
        throw FormatError({labelsFolder.string()}, "cannot be listed: " + error.message());
    std::sort(files.begin(), files.end());
    return files;
}

std::optional<std::filesystem::path> imageFor(const std::filesystem::path& root, const std::filesystem::path& labelRelative)
{
    const std::filesystem::path base = root / "images" / labelRelative.parent_path();
    const std::string stem = labelRelative.stem().string();
    std::error_code error;
    for (const char* extension : kImageExtensions) {
        const std::filesystem::path candidate = base / (stem + extension);
        if (std::filesystem::is_regular_file(candidate, error))
            return candidate;
    }
    return std::nullopt;
}

bool isImageExtension(const std::filesystem::path& file)
{
    const std::string extension = file.extension().string();
    return std::find(std::begin(kImageExtensions), std::end(kImageExtensions), extension) != std::end(kImageExtensions);
}

std::string slashed(const std::filesystem::path& path)
{
    return path.generic_string();
}

} // namespace yolo

} // namespace pixmark::formats
