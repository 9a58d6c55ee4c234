#include "core/errors.h"
#include "core/formats/csv/csv_format.h"
#include "core/formats/jsonl/export_files.h"

#include <charconv>
#include <map>

namespace pixmark::formats {

namespace {

std::string csvField(const std::string& field)
{
    const bool needs = field.find_first_of(",\"\r\n") != std::string::npos ||
                       (!field.empty() && (field.front() == ' ' || field.back() == ' '));
    if (!needs)
        return field;
    std::string text = "\"";
    for (char c : field) {
        if (c == '"')
            text += '"';
        text += c;
    }
    return text + '"';
}

std::string numberText(double value)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

} // namespace

void writeCsv(const ExportDataset& dataset, const std::filesystem::path& folder)
{
    const bool multiLabel = dataset.taskType == TaskType::ClassificationMultiLabel;
    if (!multiLabel && dataset.taskType != TaskType::ClassificationMultiClass)
        throw ValidationError("The CSV format offers image classification only.");
    std::map<ClassId, std::string> names;
    for (const Category& category : dataset.categories) {
        if (multiLabel && category.name.find(';') != std::string::npos)
            throw ValidationError("The class \"" + category.name +
                                  "\" holds ';', which separates classes in a multi-label CSV export.");
        names[category.id] = category.name;
    }
    bool anyScore = false;
    dataset.forEachImage([&](const ExportImage& image) {
        for (const Annotation& a : image.annotations)
            anyScore = anyScore || (a.kind == AnnotationKind::Tag && a.score);
    });

    ExportFiles files(folder, dataset.name, ".csv",
                      anyScore ? "image_url,label,label_confidence\n" : "image_url,label\n");
    dataset.forEachImage([&](const ExportImage& image) {
        std::string labels;
        std::string scores;
        for (const Annotation& a : image.annotations) {
            if (a.kind != AnnotationKind::Tag)
                continue;
            const auto name = names.find(a.classId);
            if (name == names.end())
                throw ValidationError("An annotation names class " + std::to_string(a.classId) +
                                      ", which is not in the export.");
            const bool first = labels.empty();
            labels += (first ? "" : ";") + name->second;
            scores += (first ? "" : ";") + (a.score ? numberText(*a.score) : std::string());
            if (!multiLabel)
                break;
        }
        std::ofstream& out = files.forSplit(image.split);
        out << csvField(image.fileName) << ',' << csvField(labels);
        if (anyScore)
            out << ',' << csvField(scores);
        out << '\n';
    });
    files.finish();
}

} // namespace pixmark::formats
