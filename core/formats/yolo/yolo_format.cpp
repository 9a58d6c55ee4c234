#include "core/formats/yolo/yolo_format.h"

#include "core/formats/format_files.h"
#include "core/formats/yolo/yolo_files_p.h"

#include <algorithm>
#include <cctype>
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
    std::string text = readFileBytes(file, maxBytes);
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0)
        text.erase(0, 3); // a UTF-8 byte order mark, as some Windows editors write
    return text;
}

std::vector<std::filesystem::path> labelFiles(const std::filesystem::path& labelsFolder)
{
    std::error_code error;
    if (!std::filesystem::is_directory(labelsFolder, error))
        return {}; // a data set without labels/ has no labelled images, which is not an error
    return filesWithExtension(labelsFolder, ".txt");
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
