#include "core/ingest/image_readers.h"

#include "core/ingest/readers/readers.h"

#include <array>

namespace pixmark::ingest {

const ImageReader* readerFor(const FileSignature& signature)
{
    // Content-based readers first; DICOM last, since it may also accept a file without
    // a preamble by its extension.
    static const std::array<const ImageReader*, 5> readers{&jpegReader(), &pngReader(), &bmpReader(),
                                                           &tiffReader(), &dicomReader()};
    for (const ImageReader* reader : readers)
        if (reader->canRead(signature))
            return reader;
    return nullptr;
}

namespace {
const ImageReader& requireReader(const std::filesystem::path& file, const FileSignature& signature)
{
    if (signature.size == 0)
        throw ImageError("the file is empty (0 bytes)", file);
    const ImageReader* reader = readerFor(signature);
    if (!reader)
        throw ImageError("not an image Pixmark can read (JPEG, PNG, BMP, TIFF or DICOM)", file);
    return *reader;
}
} // namespace

ImageHeader probeImage(const std::filesystem::path& file, const ReaderLimits& limits)
{
    const auto signature = FileSignature::read(file);
    return requireReader(file, signature).readHeader(file, limits);
}

DecodedImage decodeImage(const std::filesystem::path& file, const DecodeOptions& options, const ReaderLimits& limits)
{
    const auto signature = FileSignature::read(file);
    return requireReader(file, signature).decode(file, options, limits);
}

} // namespace pixmark::ingest
