#pragma once
// Ultralytics YOLO: data.yaml (class names, split folders), labels/<split>/<stem>.txt
// with one normalized box or polygon per line, images under images/<split>/.

#include "core/formats/format.h"

namespace pixmark::formats {

/// Exports object detection (boxes) and instance segmentation (polygons); imports both.
/// The class index of a category is its position in ExportDataset::categories.
class YoloFormat : public Format {
public:
    std::string_view id() const override { return "yolo"; }
    std::string_view description() const override;
    bool canExport(TaskType type) const override;
    bool canImport() const override { return true; }

    /// Writes data.yaml and one label file per image (empty for an image without shapes).
    /// Images without a size are probed from ExportImage::source. Throws ValidationError
    /// for another task type, an unknown class, or a fileName leaving the folder.
    void write(const ExportDataset& dataset, const std::filesystem::path& folder) const override;
    /// Checks data.yaml, every label line, and that label and image files pair up.
    VerifyReport verify(const std::filesystem::path& folder) const override;
    /// input: the data set folder or its data.yaml. Reads each image's header for its size,
    /// since normalized coordinates need it; FormatError when an image with shapes is missing.
    /// Images under images/ without a label file follow, as images without shapes.
    void read(const std::filesystem::path& input, ImportSink& sink) const override;
};

/// The registered instance.
const Format& yoloFormat();

} // namespace pixmark::formats
