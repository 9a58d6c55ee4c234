#pragma once
// How deeply a DICOM file could make DCMTK recurse, found before DCMTK parses it.

#include <cstdint>
#include <filesystem>

namespace pixmark::ingest {

/// An upper bound of the item nesting depth DCMTK 3.6.7 can reach while parsing a file.
/// DCMTK parses sequences recursively without a depth limit (a few hundred kilobytes of
/// nested sequences overflow an 8 MB stack), so the reader needs this number first.
///
/// Every nesting level needs an item tag (FFFE,E000) of its own inside its parent, so the
/// bound counts raw item tags in the file, in both byte orders: every undefined-length one
/// (they could all be nested) plus the most defined-length items covering any one byte.
/// The count is sound whatever the encoding, at the cost of reading the whole file; it
/// overestimates files with many undefined-length items, which then get a larger stack
/// rather than a refusal. Results for files of 4 MB and more are cached per path, size and
/// modification time (browsing the frames of a large file scans it once); smaller files
/// are scanned every time, since a rewrite within one timestamp tick would go unnoticed.
class NestingScan {
public:
    /// Scans file (or takes the cached result), stopping early once the bound exceeds
    /// stopAbove (which also caps the scan's memory). Throws ImageError when the file
    /// cannot be read, and for deflated data sets, whose structure the scan cannot see (and
    /// which DCMTK would inflate into memory without a size limit).
    NestingScan(const std::filesystem::path& file, std::uint64_t stopAbove);

    /// The bound, or some number above stopAbove; 0 for files without items.
    std::uint64_t depthBound() const { return mDepthBound; }

private:
    std::uint64_t mDepthBound = 0;
};

} // namespace pixmark::ingest
