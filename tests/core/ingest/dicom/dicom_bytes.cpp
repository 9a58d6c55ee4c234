#include "tests/core/ingest/dicom/dicom_bytes.h"

#include <fstream>

namespace pixmark::test {

DicomBytes::DicomBytes(const std::string& transferSyntax, bool withPreamble)
{
    if (!withPreamble)
        return;
    mBytes.assign(128, 0);
    mBytes.insert(mBytes.end(), {'D', 'I', 'C', 'M'});
    std::string uid = transferSyntax;
    if (uid.size() % 2)
        uid.push_back('\0');
    const std::uint32_t metaLength = 8 + std::uint32_t(uid.size());
    tag(0x0002, 0x0000);
    mBytes.insert(mBytes.end(), {'U', 'L'});
    put16(4);
    put32(metaLength);
    text(0x0002, 0x0010, "UI", uid);
}

void DicomBytes::tag(std::uint16_t group, std::uint16_t element)
{
    put16(group);
    put16(element);
}

void DicomBytes::put16(std::uint16_t value)
{
    mBytes.push_back(std::uint8_t(value & 0xFF));
    mBytes.push_back(std::uint8_t(value >> 8));
}

void DicomBytes::put32(std::uint32_t value)
{
    put16(std::uint16_t(value & 0xFFFF));
    put16(std::uint16_t(value >> 16));
}

DicomBytes& DicomBytes::us(std::uint16_t group, std::uint16_t element, std::uint16_t value)
{
    tag(group, element);
    mBytes.insert(mBytes.end(), {'U', 'S'});
    put16(2);
    put16(value);
    return *this;
}

DicomBytes& DicomBytes::text(std::uint16_t group, std::uint16_t element, const std::string& vr, std::string value)
{
    if (value.size() % 2)
        value.push_back(vr == "UI" ? '\0' : ' ');
    tag(group, element);
    mBytes.insert(mBytes.end(), vr.begin(), vr.end());
    put16(std::uint16_t(value.size()));
    mBytes.insert(mBytes.end(), value.begin(), value.end());
    return *this;
}

DicomBytes& DicomBytes::longElement(std::uint16_t group, std::uint16_t element, const std::string& vr,
                                    const std::vector<std::uint8_t>& value, std::uint32_t length)
{
    tag(group, element);
    mBytes.insert(mBytes.end(), vr.begin(), vr.end());
    put16(0);
    put32(length);
    mBytes.insert(mBytes.end(), value.begin(), value.end());
    return *this;
}

DicomBytes& DicomBytes::raw(const std::vector<std::uint8_t>& bytes)
{
    mBytes.insert(mBytes.end(), bytes.begin(), bytes.end());
    return *this;
}

DicomBytes& DicomBytes::image16(std::uint16_t rows, std::uint16_t columns)
{
    us(0x0028, 0x0002, 1);
    text(0x0028, 0x0004, "CS", "MONOCHROME2");
    us(0x0028, 0x0010, rows);
    us(0x0028, 0x0011, columns);
    us(0x0028, 0x0100, 16);
    us(0x0028, 0x0101, 16);
    us(0x0028, 0x0102, 15);
    return us(0x0028, 0x0103, 0);
}

std::vector<std::uint8_t> DicomBytes::item(std::uint32_t length)
{
    return {0xFE,
            0xFF,
            0x00,
            0xE0,
            std::uint8_t(length & 0xFF),
            std::uint8_t((length >> 8) & 0xFF),
            std::uint8_t((length >> 16) & 0xFF),
            std::uint8_t(length >> 24)};
}

void DicomBytes::write(const std::filesystem::path& file) const
{
    writeBytes(file, mBytes);
}


} // namespace pixmark::test
