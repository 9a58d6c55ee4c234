#pragma once
// Whole-file byte access for tests that build or damage files byte by byte.

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <vector>

namespace pixmark::test {

using Bytes = std::vector<unsigned char>;

/// Writes bytes to file, replacing it. Throws when the file cannot be written.
inline void writeBytes(const std::filesystem::path& file, const Bytes& bytes)
{
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out)
        throw std::runtime_error("cannot write " + file.string());
}

/// The whole content of file.
inline Bytes readBytes(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Cuts file to the first half of its bytes, as an interrupted copy would.
inline void truncateToHalf(const std::filesystem::path& file)
{
    std::filesystem::resize_file(file, std::filesystem::file_size(file) / 2);
}

} // namespace pixmark::test
