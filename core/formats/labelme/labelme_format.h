#pragma once
// "labelme": the JSON files of the labelme desktop annotation tool, read only. One file
// per image: {"imagePath", "imageWidth", "imageHeight", "shapes": [{"label", "points":
// [[x, y], ...], "shape_type", ...}], ...} in image pixels.
//
// Import: a .json file, or every .json file under a folder (recursively, in path order).
// The reference is imagePath (backslashes become '/') taken relative to the JSON file's
// folder, so "sub/a.json" naming "a.jpg" gives "sub/a.jpg" when the folder is read.
// "rectangle" (two opposite corners, in any order) becomes a box, "polygon" (the default
// when shape_type is missing) a polygon. The other kinds ("circle", "line", "point",
// "linestrip", "points", "mask", and kinds newer versions add) cannot be represented and
// are skipped, counted by kind in LabelmeSummary: one odd shape should not refuse a folder
// of good ones. Points may lie up to one pixel outside the image (the tool lets a point
// sit on the border) and are clamped into it; farther out is an error.
//
// Export is not offered: write() and verify() throw ValidationError.

#include "core/formats/format.h"

#include <map>

namespace pixmark::formats {

/// What readLabelme() read and what it skipped.
struct LabelmeSummary {
    std::int64_t images = 0;
    std::int64_t shapes = 0;
    std::map<std::string, std::int64_t> skipped; ///< shapes left out, by shape_type
    std::int64_t skippedTotal() const;
};

class LabelmeFormat : public Format {
public:
    std::string_view id() const override { return "labelme"; }
    std::string_view description() const override;
    bool canExport(TaskType) const override { return false; }
    bool canImport() const override { return true; }
    /// Throws ValidationError: export is not offered.
    void write(const ExportDataset& dataset, const std::filesystem::path& folder) const override;
    /// Throws ValidationError: export is not offered.
    VerifyReport verify(const std::filesystem::path& folder) const override;
    void read(const std::filesystem::path& input, ImportSink& sink) const override;
};

/// The registered instance.
const Format& labelmeFormat();

/// The largest labelme file read (it may embed the image as base64).
inline constexpr std::uintmax_t kMaxLabelmeFileBytes = std::uintmax_t{256} << 20;

/// Streams a labelme file, or every .json file under a folder, into sink (see the file
/// comment). Throws FormatError naming the file and JSON path of the first bad input.
LabelmeSummary readLabelme(const std::filesystem::path& input, ImportSink& sink);

} // namespace pixmark::formats
