#include "core/ingest/image_format.h"

#include "core/ingest/image_reader.h"

#include <algorithm>
#include <cctype>
#include <fstream>

namespace pixmark::ingest {

std::string_view toId(ImageFormat format)
{
    switch (format) {
    case ImageFormat::Jpeg:
        return "jpeg";
    case ImageFormat::Png:
        return "png";
    case ImageFormat::Bmp:
        return "bmp";
    case ImageFormat::Tiff:
        return "tiff";
    case ImageFormat::Dicom:
        return "dicom";
    case ImageFormat::Unknown:
        break;
    }
    return "unknown";
}

FileSignature FileSignature::read(const std::filesystem::path& file)
{
    FileSignature signature;
    std::error_code error;
    signature.fileSize = std::filesystem::file_size(file, error);
    if (error)
        throw ImageError("cannot read the file (" + error.message() + ")", file);
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw ImageError("cannot open the file (permission denied?)", file);
    in.read(reinterpret_cast<char*>(signature.bytes.data()), kSize);
    signature.size = static_cast<std::size_t>(in.gcount());
    signature.extension = file.extension().string();
    std::transform(signature.extension.begin(), signature.extension.end(), signature.extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return signature;
}

bool FileSignature::startsWith(std::string_view magic, std::size_t offset) const
{
    if (offset + magic.size() > size)
        return false;
    return std::equal(magic.begin(), magic.end(), bytes.begin() + static_cast<std::ptrdiff_t>(offset),
                      [](char a, unsigned char b) { return static_cast<unsigned char>(a) == b; });
}

ImageFormat detectFormat(const FileSignature& s)
{
    // DICOM first: its 128-byte preamble is free-form, and some files put a TIFF header
    // there (dual-format files), which must not make them TIFFs.
    if (s.startsWith("DICM", 128))
        return ImageFormat::Dicom;
    if (s.startsWith("\xFF\xD8\xFF"))
        return ImageFormat::Jpeg;
    if (s.startsWith("\x89PNG\r\n\x1A\n"))
        return ImageFormat::Png;
    if (s.startsWith("BM") && s.size >= 26)
        return ImageFormat::Bmp;
    if (s.startsWith(std::string_view("II*\0", 4)) || s.startsWith(std::string_view("MM\0*", 4)))
        return ImageFormat::Tiff;
    return ImageFormat::Unknown;
}

} // namespace pixmark::ingest
