#include "core/formats/yolo/yolo_format.h"

#include "core/formats/format_error.h"
#include "core/formats/yolo/data_yaml.h"
#include "core/formats/yolo/yolo_files_p.h"
#include "core/formats/yolo/yolo_label.h"
#include "core/ingest/image_reader.h"
#include "core/ingest/image_readers.h"

#include <algorithm>

namespace pixmark::formats {

namespace {
constexpr std::uintmax_t kMaxYamlBytes = 16u << 20;
constexpr std::uintmax_t kMaxLabelBytes = 256u << 20;

std::filesystem::path datasetRoot(const std::filesystem::path& input)
{
    std::error_code error;
    if (std::filesystem::is_directory(input, error))
        return input;
    if (input.filename() == "data.yaml" || input.extension() == ".yaml" || input.extension() == ".yml")
        return input.parent_path();
    throw FormatError({input.string()}, "is neither a YOLO data set folder nor its data.yaml");
}

std::filesystem::path yamlFile(const std::filesystem::path& input, const std::filesystem::path& root)
{
    std::error_code error;
    if (!std::filesystem::is_directory(input, error))
        return input;
    for (const char* name : {"data.yaml", "data.yml", "dataset.yaml"})
        if (std::filesystem::is_regular_file(root / name, error))
            return root / name;
    throw FormatError({input.string()}, "has no data.yaml: a YOLO data set names its classes there");
}
} // namespace

void YoloFormat::read(const std::filesystem::path& input, ImportSink& sink) const
{
    const std::filesystem::path root = datasetRoot(input);
    const std::filesystem::path yamlPath = yamlFile(input, root);
    const DataYaml yaml = parseDataYaml(yolo::readText(yamlPath, kMaxYamlBytes), yamlPath.string());
    const std::filesystem::path labelsFolder = root / "labels";
    std::error_code error;
    if (!std::filesystem::is_directory(labelsFolder, error))
        throw FormatError({root.string()}, "has no labels folder");

    std::int64_t key = 0;
    for (const std::filesystem::path& labelFile : yolo::labelFiles(labelsFolder)) {
        const std::string fileName = labelFile.string();
        const std::string text = yolo::readText(labelFile, kMaxLabelBytes);
        std::vector<std::pair<YoloLabel, std::int64_t>> labels;
        std::int64_t lineNumber = 0;
        for (std::size_t position = 0; position <= text.size();) {
            const std::size_t end = std::min(text.find('\n', position), text.size());
            const std::string_view line = std::string_view(text).substr(position, end - position);
            position = end + 1;
            ++lineNumber;
            if (line.find_first_not_of(" \t\r") == std::string_view::npos)
                continue;
            labels.emplace_back(parseYoloLine(line, yaml.names.size(), {fileName, lineNumber, -1, {}}), lineNumber);
        }

        const std::filesystem::path relative = labelFile.lexically_relative(labelsFolder);
        const auto image = yolo::imageFor(root, relative);
        std::string reference = yolo::slashed(std::filesystem::path("images") / relative.parent_path() / relative.stem());
        int width = 0;
        int height = 0;
        if (image) {
            reference = yolo::slashed(image->lexically_relative(root));
            try {
                const ingest::ImageHeader header = ingest::probeImage(*image);
                width = header.width;
                height = header.height;
            } catch (const ingest::ImageError& imageError) {
                throw FormatError({fileName}, "its image " + reference + " cannot be read (" + imageError.reason() +
                                                  "): normalized coordinates need the image's size");
            }
        } else {
            reference += ".jpg";
            if (!labels.empty())
                throw FormatError({fileName, labels.front().second, -1, {}},
                                  "no image " + yolo::slashed(std::filesystem::path("images") / relative.parent_path() /
                                                              relative.stem()) +
                                      ".* for this label file: normalized coordinates need the image's size");
        }
        ++key;
        sink.image(key, reference, width, height);
        for (const auto& [label, line] : labels)
            sink.shape(key, yaml.names[label.classIndex], label.isBox ? AnnotationKind::Box : AnnotationKind::Polygon,
                       toPixelGeometry(label, width, height), std::nullopt);
    }

    // Images without a label file are backgrounds for Ultralytics: images without shapes.
    const std::filesystem::path imagesFolder = root / "images";
    if (!std::filesystem::is_directory(imagesFolder, error))
        return;
    std::vector<std::filesystem::path> unlabelled;
    std::filesystem::recursive_directory_iterator it(imagesFolder, std::filesystem::directory_options::skip_permission_denied, error);
    for (; !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
        if (!it->is_regular_file(error) || !yolo::isImageExtension(it->path()))
            continue;
        const std::filesystem::path relative = it->path().lexically_relative(imagesFolder);
        if (!std::filesystem::exists(labelsFolder / std::filesystem::path(relative).replace_extension(".txt"), error))
            unlabelled.push_back(it->path());
    }
    if (error)
        throw FormatError({imagesFolder.string()}, "cannot be listed: " + error.message());
    std::sort(unlabelled.begin(), unlabelled.end());
    for (const std::filesystem::path& image : unlabelled)
        sink.image(++key, yolo::slashed(image.lexically_relative(root)), 0, 0);
}

} // namespace pixmark::formats
