#include "core/formats/yolo/yolo_format.h"

#include "core/formats/format_error.h"
#include "core/formats/yolo/data_yaml.h"
#include "core/formats/yolo/yolo_files_p.h"
#include "core/formats/yolo/yolo_label.h"

#include <set>

namespace pixmark::formats {

VerifyReport YoloFormat::verify(const std::filesystem::path& folder) const
{
    VerifyReport report;
    const std::filesystem::path yamlPath = folder / "data.yaml";
    DataYaml yaml;
    try {
        yaml = parseDataYaml(yolo::readText(yamlPath, 16u << 20), yamlPath.string());
    } catch (const Error& error) {
        report.problems.push_back(error.what());
        return report;
    }
    report.categories = static_cast<std::int64_t>(yaml.names.size());
    for (const auto& [split, images] : yaml.splits) {
        std::error_code error;
        if (!std::filesystem::is_directory(folder / images, error))
            report.problems.push_back(yamlPath.string() + ": the " + split + " folder " + images + " does not exist");
    }

    const std::filesystem::path labelsFolder = folder / "labels";
    std::set<std::string> labelled; // label paths relative to labels/, without extension
    try {
        for (const std::filesystem::path& labelFile : yolo::labelFiles(labelsFolder)) {
            ++report.images;
            const std::filesystem::path relative = labelFile.lexically_relative(labelsFolder);
            labelled.insert(yolo::slashed(std::filesystem::path(relative).replace_extension()));
            if (!yolo::imageFor(folder, relative))
                report.problems.push_back(labelFile.string() + ": no image " +
                                          yolo::slashed(std::filesystem::path("images") / relative.parent_path() / relative.stem()) +
                                          ".* for this label file");
            std::string text;
            try {
                text = yolo::readText(labelFile, 256u << 20);
            } catch (const Error& error) {
                report.problems.push_back(error.what());
                continue;
            }
            std::int64_t lineNumber = 0;
            for (std::size_t position = 0; position <= text.size();) {
                const std::size_t end = std::min(text.find('\n', position), text.size());
                const std::string_view line = std::string_view(text).substr(position, end - position);
                position = end + 1;
                ++lineNumber;
                if (line.find_first_not_of(" \t\r") == std::string_view::npos)
                    continue;
                try {
                    parseYoloLine(line, yaml.names.size(), {labelFile.string(), lineNumber, -1, {}});
                    ++report.annotations;
                } catch (const FormatError& error) {
                    report.problems.push_back(error.what());
                }
            }
        }
        // Every image needs its label file (Ultralytics would silently treat it as background).
        std::error_code error;
        const std::filesystem::path imagesFolder = folder / "images";
        if (std::filesystem::is_directory(imagesFolder, error)) {
            std::filesystem::recursive_directory_iterator it(imagesFolder, error);
            for (; !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
                if (!it->is_regular_file(error) || !yolo::isImageExtension(it->path()))
                    continue;
                const std::string relative =
                    yolo::slashed(std::filesystem::path(it->path().lexically_relative(imagesFolder)).replace_extension());
                if (!labelled.count(relative))
                    report.problems.push_back(it->path().string() + ": no label file labels/" + relative + ".txt");
            }
        }
        if (!std::filesystem::is_directory(labelsFolder, error))
            report.problems.push_back(folder.string() + ": no labels folder");
    } catch (const Error& error) {
        report.problems.push_back(error.what());
    }
    return report;
}

} // namespace pixmark::formats
