#include "core/formats/sagemaker/sagemaker_format.h"

#include "core/errors.h"

namespace pixmark::formats {

namespace {
[[noreturn]] void sagemakerExportNotOffered()
{
    throw ValidationError("The SageMaker Ground Truth manifest format is read only: export is not offered.");
}
} // namespace

std::string_view SagemakerFormat::description() const
{
    return "SageMaker Ground Truth output manifests (classification and boxes; read only)";
}

void SagemakerFormat::write(const ExportDataset&, const std::filesystem::path&) const
{
    sagemakerExportNotOffered();
}

VerifyReport SagemakerFormat::verify(const std::filesystem::path&) const
{
    sagemakerExportNotOffered();
}

void SagemakerFormat::read(const std::filesystem::path& input, ImportSink& sink) const
{
    readSagemakerManifest(input, sink);
}

const Format& sagemakerFormat()
{
    static const SagemakerFormat format;
    return format;
}

} // namespace pixmark::formats
