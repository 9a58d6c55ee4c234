#include "core/formats/jsonl/input_files.h"

#include "core/formats/format_error.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace pixmark::formats {

namespace {

template <typename Iterator>
void collect(Iterator walk, std::initializer_list<std::string_view> extensions, std::vector<std::filesystem::path>& out)
{
    std::error_code error;
    for (auto it = walk; it != Iterator(); it.increment(error)) {
        if (error)
            break;
        if (!it->is_regular_file(error))
            continue;
        std::string ext = it->path().extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
        if (std::find(extensions.begin(), extensions.end(), ext) != extensions.end())
            out.push_back(it->path());
    }
}

} // namespace

std::vector<std::filesystem::path> inputFiles(const std::filesystem::path& input,
                                              std::initializer_list<std::string_view> extensions, bool recursive)
{
    std::error_code error;
    const auto status = std::filesystem::status(input, error);
    if (error || !std::filesystem::exists(status))
        throw FormatError(SourcePosition{input.string()}, "no such file or folder");
    if (!std::filesystem::is_directory(status))
        return {input};
    std::vector<std::filesystem::path> files;
    if (recursive)
        collect(std::filesystem::recursive_directory_iterator(input, error), extensions, files);
    else
        collect(std::filesystem::directory_iterator(input, error), extensions, files);
    std::sort(files.begin(), files.end());
    if (files.empty()) {
        std::string list;
        for (std::string_view ext : extensions)
            list += (list.empty() ? "" : " or ") + std::string(ext);
        throw FormatError(SourcePosition{input.string()}, "the folder has no " + list + " file");
    }
    return files;
}

std::string displayName(const std::filesystem::path& file, const std::filesystem::path& root)
{
    std::error_code error;
    if (std::filesystem::is_directory(root, error)) {
        const auto relative = file.lexically_relative(root);
        if (!relative.empty())
            return relative.generic_string();
    }
    return file.filename().string();
}

} // namespace pixmark::formats
