#include "core/formats/voc/voc_format.h"

#include "core/formats/format_error.h"
#include "core/formats/format_files.h"
#include "core/formats/voc/voc_files_p.h"
#include "core/formats/voc/voc_xml.h"

#include <map>
#include <set>

namespace pixmark::formats {

VerifyReport VocFormat::verify(const std::filesystem::path& folder) const
{
    VerifyReport report;
    const std::filesystem::path annotations = folder / "Annotations";
    std::error_code error;
    if (!std::filesystem::is_directory(annotations, error)) {
        report.problems.push_back(folder.string() + ": no Annotations folder");
        return report;
    }
    std::set<std::string> names;
    std::set<std::string> stems;
    std::map<std::string, std::string> filenames; // <filename> -> the file that has it
    try {
        for (const std::filesystem::path& file : filesWithExtension(annotations, ".xml")) {
            ++report.images;
            stems.insert(std::filesystem::path(file.lexically_relative(annotations)).replace_extension().generic_string());
            try {
                const VocAnnotation annotation = parseVocXml(readFileBytes(file, voc::kMaxXmlBytes), file.string());
                if (annotation.width <= 0)
                    report.problems.push_back(file.string() + ": no image size");
                const auto [at, added] = filenames.emplace(annotation.filename, file.string());
                if (!added)
                    report.problems.push_back(file.string() + ": <filename> " + annotation.filename + " is also in " + at->second);
                for (const VocObject& object : annotation.objects) {
                    names.insert(object.name);
                    ++report.annotations;
                }
            } catch (const FormatError& bad) {
                report.problems.push_back(bad.what());
            }
        }
        const std::filesystem::path lists = folder / "ImageSets" / "Main";
        if (std::filesystem::is_directory(lists, error)) {
            for (const auto& entry : std::filesystem::directory_iterator(lists, error)) {
                if (entry.path().extension() != ".txt")
                    continue;
                const std::string text = readFileBytes(entry.path(), voc::kMaxXmlBytes);
                std::int64_t line = 0;
                for (std::size_t position = 0; position < text.size();) {
                    const std::size_t end = std::min(text.find('\n', position), text.size());
                    std::string stem = text.substr(position, end - position);
                    position = end + 1;
                    ++line;
                    if (!stem.empty() && stem.back() == '\r')
                        stem.pop_back();
                    if (!stem.empty() && !stems.count(stem))
                        report.problems.push_back(FormatError({entry.path().string(), line, -1, {}},
                                                              "no Annotations/" + stem + ".xml")
                                                      .what());
                }
            }
        }
    } catch (const Error& failure) {
        report.problems.push_back(failure.what());
    }
    report.categories = static_cast<std::int64_t>(names.size());
    return report;
}

} // namespace pixmark::formats
