#pragma once
// Pixels decoded outside DCMTK, wrapped so that DCMTK renders them.

#include "core/ingest/decoded_image.h"

#include <filesystem>
#include <memory>

class DcmDataset;

namespace pixmark::ingest {

/// A single-frame, uncompressed DCMTK data set made of a file's display attributes
/// (photometric interpretation, rescale, windows, VOI and modality LUTs, palettes) and one
/// frame decoded elsewhere (JPEG 2000), so that DicomRenderer treats it like any other
/// frame. Owns the data set.
class NativeDataset {
public:
    /// original: the file's data set (read only); frame: the decoded stored values;
    /// precision: their significant bits. Throws ImageError.
    NativeDataset(DcmDataset& original, const DecodedImage& frame, int precision,
                  const std::filesystem::path& file);
    ~NativeDataset();
    NativeDataset(const NativeDataset&) = delete;
    NativeDataset& operator=(const NativeDataset&) = delete;

    /// The data set to hand to DicomRenderer with EXS_LittleEndianExplicit.
    DcmDataset& dataset() { return *mDataset; }

private:
    std::unique_ptr<DcmDataset> mDataset;
};

} // namespace pixmark::ingest
