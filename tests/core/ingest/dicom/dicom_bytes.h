#pragma once
// Small DICOM files written byte by byte, for the hostile-input tests.

#include "tests/support/file_bytes.h"
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace pixmark::test {

/// Builds an explicit VR little endian file: preamble, "DICM", a meta header naming the
/// transfer syntax, then whatever elements the test appends, in the order appended (the
/// tests decide whether that order is valid).
class DicomBytes {
public:
    /// withPreamble false writes a bare data set (no preamble, no meta header).
    explicit DicomBytes(const std::string& transferSyntax = "1.2.840.10008.1.2.1", bool withPreamble = true);

    DicomBytes& us(std::uint16_t group, std::uint16_t element, std::uint16_t value);
    DicomBytes& text(std::uint16_t group, std::uint16_t element, const std::string& vr, std::string value);
    /// An OB / OW / UN / SQ element with a 32-bit length (0xFFFFFFFF: undefined).
    DicomBytes& longElement(std::uint16_t group, std::uint16_t element, const std::string& vr,
                            const std::vector<std::uint8_t>& value, std::uint32_t length);
    /// Raw bytes (item tags, delimiters).
    DicomBytes& raw(const std::vector<std::uint8_t>& bytes);
    /// Rows, Columns, Samples per Pixel 1, MONOCHROME2, 16 of 16 bits, unsigned.
    DicomBytes& image16(std::uint16_t rows, std::uint16_t columns);

    /// An item tag (FFFE,E000) with a length, as bytes.
    static std::vector<std::uint8_t> item(std::uint32_t length);

    const std::vector<std::uint8_t>& bytes() const { return mBytes; }
    void write(const std::filesystem::path& file) const;

private:
    void tag(std::uint16_t group, std::uint16_t element);
    void put16(std::uint16_t value);
    void put32(std::uint32_t value);
    std::vector<std::uint8_t> mBytes;
};

} // namespace pixmark::test
