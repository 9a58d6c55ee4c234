#include "core/formats/voc/voc_format.h"

#include "core/formats/format_error.h"
#include "core/formats/format_files.h"
#include "core/formats/voc/voc_files_p.h"
#include "core/formats/voc/voc_xml.h"

namespace pixmark::formats {

void VocFormat::read(const std::filesystem::path& input, ImportSink& sink) const
{
    std::error_code error;
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(input, error)) {
        const bool hasAnnotations = std::filesystem::is_directory(input / "Annotations", error);
        files = filesWithExtension(hasAnnotations ? input / "Annotations" : input, ".xml");
        if (files.empty() && !hasAnnotations)
            throw FormatError({input.string()}, "holds no Pascal VOC annotation files (*.xml)");
    } else if (std::filesystem::is_regular_file(input, error)) {
        files.push_back(input);
    } else {
        throw FormatError({input.string()}, "does not exist");
    }
    std::int64_t key = 0;
    for (const std::filesystem::path& file : files) {
        const VocAnnotation annotation = parseVocXml(readFileBytes(file, voc::kMaxXmlBytes), file.string());
        ++key;
        sink.image(key, annotation.filename, annotation.width, annotation.height);
        for (const VocObject& object : annotation.objects)
            sink.shape(key, object.name, AnnotationKind::Box, toJson(object.box), std::nullopt);
    }
}

} // namespace pixmark::formats
