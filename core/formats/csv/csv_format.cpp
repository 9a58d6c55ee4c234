#include "core/formats/csv/csv_format.h"

#include "core/errors.h"
#include "core/formats/jsonl/counting_sink.h"

namespace pixmark::formats {

std::string_view CsvFormat::description() const
{
    return "CSV of image classes (image_url,label; multi-label classes joined with ';')";
}

bool CsvFormat::canExport(TaskType type) const
{
    return isClassification(type);
}

void CsvFormat::write(const ExportDataset& dataset, const std::filesystem::path& folder) const
{
    writeCsv(dataset, folder);
}

VerifyReport CsvFormat::verify(const std::filesystem::path& folder) const
{
    CountingSink sink;
    try {
        readCsv(folder, sink);
    } catch (const Error& error) {
        sink.report().problems.emplace_back(error.what());
    }
    return sink.report();
}

void CsvFormat::read(const std::filesystem::path& input, ImportSink& sink) const
{
    readCsv(input, sink);
}

const Format& csvFormat()
{
    static const CsvFormat format;
    return format;
}

} // namespace pixmark::formats
