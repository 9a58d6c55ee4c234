#include "core/formats/jsonl/jsonl_format.h"

#include "core/errors.h"
#include "core/formats/jsonl/counting_sink.h"

#include <algorithm>

namespace pixmark::formats {

std::string_view JsonlFormat::description() const
{
    return "JSON Lines of the cloud automated-ML image tasks (classification, boxes, polygons; normalized)";
}

bool JsonlFormat::canExport(TaskType type) const
{
    return type != TaskType::SemanticSegmentation;
}

void JsonlFormat::write(const ExportDataset& dataset, const std::filesystem::path& folder) const
{
    writeJsonl(dataset, folder);
}

VerifyReport JsonlFormat::verify(const std::filesystem::path& folder) const
{
    CountingSink sink;
    try {
        readJsonl(folder, sink);
    } catch (const Error& error) {
        sink.report().problems.emplace_back(error.what());
    }
    return sink.report();
}

void JsonlFormat::read(const std::filesystem::path& input, ImportSink& sink) const
{
    readJsonl(input, sink);
}

const Format& jsonlFormat()
{
    static const JsonlFormat format;
    return format;
}

} // namespace pixmark::formats
