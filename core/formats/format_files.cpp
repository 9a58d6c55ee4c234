#include "core/formats/format_files.h"

#include "core/errors.h"
#include "core/formats/format_error.h"

#include <algorithm>
#include <fstream>
#include <system_error>

namespace pixmark::formats {

std::string readFileBytes(const std::filesystem::path& file, std::uintmax_t maxBytes)
{
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(file, error);
    if (error)
        throw FormatError({file.string()}, "cannot be read: " + error.message());
    if (size > maxBytes)
        throw FormatError({file.string()}, "is " + std::to_string(size) + " bytes, more than a file of this kind can be (" +
                                               std::to_string(maxBytes) + ")");
    std::ifstream stream(file, std::ios::binary);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    if (!stream || !stream.read(bytes.data(), static_cast<std::streamsize>(size)))
        throw FormatError({file.string()}, "cannot be read");
    return bytes;
}

std::vector<std::filesystem::path> filesWithExtension(const std::filesystem::path& folder, std::string_view extension)
{
    std::vector<std::filesystem::path> files;
    std::error_code error;
    std::filesystem::recursive_directory_iterator it(folder, std::filesystem::directory_options::skip_permission_denied, error);
    for (; !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error))
        if (it->is_regular_file(error) && it->path().extension() == extension)
            files.push_back(it->path());
    if (error)
        throw FormatError({folder.string()}, "cannot be listed: " + error.message());
    std::sort(files.begin(), files.end());
    return files;
}

std::filesystem::path exportRelativePath(const ExportImage& image)
{
    const std::filesystem::path name(image.fileName);
    if (image.fileName.empty() || name.is_absolute() || name.has_root_name())
        throw ValidationError("Image " + std::to_string(image.id) + " has no relative file name in the export: \"" +
                              image.fileName + "\".");
    for (const auto& part : name)
        if (part == "..")
            throw ValidationError("The export file name \"" + image.fileName + "\" leaves the export folder.");
    return name;
}

void writeWholeFile(const std::filesystem::path& file, const std::string& text)
{
    std::filesystem::create_directories(file.parent_path());
    std::ofstream stream(file, std::ios::binary | std::ios::trunc);
    stream << text;
    stream.close();
    if (!stream)
        throw Error("Cannot write " + file.string() + ".");
}

} // namespace pixmark::formats
