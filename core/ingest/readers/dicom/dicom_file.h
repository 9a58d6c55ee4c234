#pragma once
// A DICOM file parsed by DCMTK, pixel data left on disk.

#include <filesystem>
#include <memory>
#include <string>

class DcmDataset;
class DcmFileFormat;

namespace pixmark::ingest {

/// One DICOM file parsed by DCMTK. Values larger than a few kilobytes (pixel data, LUTs)
/// stay in the file until something asks for them, so parsing costs about the same for a
/// 500-frame series as for a single slice. Owns the DCMTK objects; dataset() lives as long
/// as this object.
class DicomFile {
public:
    /// Parses the file (with or without the 128-byte preamble and meta header). Throws
    /// ImageError ("truncated or corrupt DICOM file: <DCMTK's reason>").
    explicit DicomFile(const std::filesystem::path& file);
    ~DicomFile();
    DicomFile(const DicomFile&) = delete;
    DicomFile& operator=(const DicomFile&) = delete;

    /// The file, as given; named in every ImageError about it.
    const std::filesystem::path& path() const { return mPath; }
    /// The parsed data set (without the meta header), owned by this object.
    DcmDataset& dataset() const;
    /// The Transfer Syntax UID of the meta header; for files without one, the syntax
    /// DCMTK detected while parsing.
    const std::string& transferSyntaxUid() const { return mTransferSyntaxUid; }

private:
    std::filesystem::path mPath;
    std::unique_ptr<DcmFileFormat> mFormat;
    std::string mTransferSyntaxUid;
};

} // namespace pixmark::ingest
