#include "core/formats/labelme/labelme_format.h"

#include "core/errors.h"

namespace pixmark::formats {

namespace {
[[noreturn]] void labelmeExportNotOffered()
{
    throw ValidationError("The labelme format is read only: export is not offered.");
}
} // namespace

std::int64_t LabelmeSummary::skippedTotal() const
{
    std::int64_t total = 0;
    for (const auto& [kind, count] : skipped)
        total += count;
    return total;
}

std::string_view LabelmeFormat::description() const
{
    return "labelme JSON files (rectangles and polygons; read only)";
}

void LabelmeFormat::write(const ExportDataset&, const std::filesystem::path&) const
{
    labelmeExportNotOffered();
}

VerifyReport LabelmeFormat::verify(const std::filesystem::path&) const
{
    labelmeExportNotOffered();
}

void LabelmeFormat::read(const std::filesystem::path& input, ImportSink& sink) const
{
    readLabelme(input, sink);
}

const Format& labelmeFormat()
{
    static const LabelmeFormat format;
    return format;
}

} // namespace pixmark::formats
