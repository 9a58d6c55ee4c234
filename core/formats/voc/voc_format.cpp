#include "core/formats/voc/voc_format.h"

#include "core/formats/format_error.h"
#include "core/formats/voc/voc_files_p.h"

#include <algorithm>
#include <fstream>
#include <system_error>

namespace pixmark::formats {

std::string_view VocFormat::description() const
{
    return "Pascal VOC: one XML file of boxes per image, with split lists";
}

const Format& vocFormat()
{
    static const VocFormat format;
    return format;
}

namespace voc {

std::string readBytes(const std::filesystem::path& file, std::uintmax_t maxBytes)
{
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(file, error);
    if (error)
        throw FormatError({file.string()}, "cannot be read: " + error.message());
    if (size > maxBytes)
        throw FormatError({file.string()}, "is " + std::to_string(size) + " bytes, more than an annotation file can be");
    std::ifstream stream(file, std::ios::binary);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    if (!stream || !stream.read(bytes.data(), static_cast<std::streamsize>(size)))
        throw FormatError({file.string()}, "cannot be read");
    return bytes;
}

std::vector<std::filesystem::path> xmlFiles(const std::filesystem::path& folder)
{
    std::vector<std::filesystem::path> files;
    std::error_code error;
    std::filesystem::recursive_directory_iterator it(folder, std::filesystem::directory_options::skip_permission_denied, error);
    for (; !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error))
        if (it->is_regular_file(error) && it->path().extension() == ".xml")
            files.push_back(it->path());
    if (error)
        throw FormatError({folder.string()}, "cannot be listed: " + error.message());
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace voc

} // namespace pixmark::formats
