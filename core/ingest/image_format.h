#pragma once
// Image formats Pixmark reads, recognized by content (magic bytes), with the file's
// extension only as a tie-breaker (DICOM files written without the "DICM" preamble).

#include <array>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace pixmark::ingest {

enum class ImageFormat { Unknown, Jpeg, Png, Bmp, Tiff, Dicom };

/// Stable identifier stored in items.format ("jpeg", "png", "bmp", "tiff", "dicom").
std::string_view toId(ImageFormat format);

/// The first bytes of a file and its lowercase extension, enough to pick a reader.
struct FileSignature {
    static constexpr std::size_t kSize = 256;
    std::array<unsigned char, kSize> bytes{};
    std::size_t size = 0;      ///< how many of bytes were read (short files)
    std::string extension;     ///< lowercase with the dot: ".dcm"; empty when none
    std::uintmax_t fileSize = 0;

    /// Reads the signature of file; throws ImageError when it cannot be read.
    static FileSignature read(const std::filesystem::path& file);
    bool startsWith(std::string_view magic, std::size_t offset = 0) const;
};

/// The format the signature's magic bytes announce (Unknown when none matches).
ImageFormat detectFormat(const FileSignature& signature);

} // namespace pixmark::ingest
