#pragma once
// Fashion-MNIST's idx files (the dataset-fashion-mnist package, gunzipped), read with plain
// C++: big-endian magic and sizes, then raw bytes. Shared by the ML benchmarks.

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>

namespace pixmark::bench {

struct Idx {
    std::uint32_t count = 0, rows = 0, cols = 0;
    std::vector<std::uint8_t> bytes;
};

inline std::uint32_t readBigEndian(std::istream& in)
{
    unsigned char b[4] = {};
    in.read(reinterpret_cast<char*>(b), 4);
    return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | b[3];
}

/// magic: 2051 for images (count, rows, cols), 2049 for labels (count).
inline Idx readIdx(const std::filesystem::path& path, std::uint32_t magic)
{
    std::ifstream in(path, std::ios::binary);
    Idx idx;
    if (!in || readBigEndian(in) != magic)
        throw std::runtime_error(path.string() + " is not an uncompressed idx file (gunzip it first)");
    idx.count = readBigEndian(in);
    idx.rows = magic == 2051 ? readBigEndian(in) : 1;
    idx.cols = magic == 2051 ? readBigEndian(in) : 1;
    idx.bytes.resize(std::size_t{idx.count} * idx.rows * idx.cols);
    in.read(reinterpret_cast<char*>(idx.bytes.data()), static_cast<std::streamsize>(idx.bytes.size()));
    if (!in)
        throw std::runtime_error(path.string() + " is shorter than its header says");
    return idx;
}

/// The benchmarks' one fixed order of `count` cache records: the labeled images first, then
/// the scored rest, then the unlabeled pool that self-training draws from.
inline std::vector<std::int64_t> benchOrder(std::size_t count)
{
    std::vector<std::int64_t> order(count);
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), std::mt19937(2026));
    return order;
}

} // namespace pixmark::bench
