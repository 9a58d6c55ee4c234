#pragma once
// "jsonl": the JSON Lines format of the reference cloud service's automated-ML image tasks,
// one image per line: {"image_url", "image_details": {"format", "width", "height"},
// "label"} where label is a class name (multi-class), a list of class names (multi-label),
// or a list of objects: boxes {"label", "topX", "topY", "bottomX", "bottomY", "isCrowd"}
// or instances {"label", "isCrowd", "polygon": [[x1, y1, x2, y2, ...], ...]}, every
// coordinate divided by the image's width or height. An optional "label_confidence" (a
// number, or a list parallel to "label", or a number inside an object) is read as the
// shape's score (prelabels).
//
// Export: "<name>.jsonl", or "train.jsonl" / "val.jsonl" / "test.jsonl" for images with a
// split; image_url is ExportImage::fileName, image_details carries "640px"-style sizes.
// Multi-class images without a class are left out (the format requires a label); an
// instance is written as one polygon per line object (masks traced to their outline,
// boxes as rectangles). Semantic segmentation is not offered.
//
// Import: a .jsonl file or a folder of them (read in name order), streamed line by line.
// Datastore URLs become paths (see datastore_url.h). Pixel geometry needs the image's
// size: image_details' width/height when present, otherwise the image's header, looked up
// relative to the JSONL file's folder (an absolute path as it is). Each ring of an
// instance's polygon becomes its own polygon shape with the instance's class. Blank lines
// are skipped.

#include "core/formats/format.h"

#include <filesystem>

namespace pixmark::formats {

class JsonlFormat : public Format {
public:
    std::string_view id() const override { return "jsonl"; }
    std::string_view description() const override;
    bool canExport(TaskType type) const override;
    bool canImport() const override { return true; }
    void write(const ExportDataset& dataset, const std::filesystem::path& folder) const override;
    VerifyReport verify(const std::filesystem::path& folder) const override;
    void read(const std::filesystem::path& input, ImportSink& sink) const override;
};

/// The registered instance.
const Format& jsonlFormat();

/// Writes dataset as JSONL files into folder (see the file comment). Throws
/// ValidationError for an annotation of an unknown class or an image without a size in a
/// task with shapes, Error when a file cannot be written.
void writeJsonl(const ExportDataset& dataset, const std::filesystem::path& folder);
/// Streams a JSONL file, or every .jsonl file of a folder, into sink. Throws FormatError
/// naming the file, line and JSON path of the first bad input.
void readJsonl(const std::filesystem::path& input, ImportSink& sink);

} // namespace pixmark::formats
