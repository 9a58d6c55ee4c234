#pragma once
// Pascal VOC: one Annotations/<stem>.xml per image with its size and boxes (1-based,
// inclusive pixel corners), and ImageSets/Main/<split>.txt listing the stems of a split.

#include "core/formats/format.h"

namespace pixmark::formats {

/// Exports and imports object detection (boxes). A box {x, y, w, h} is written as
/// xmin = x + 1, ymin = y + 1, xmax = x + w, ymax = y + h, and read back exactly inversely.
class VocFormat : public Format {
public:
    std::string_view id() const override { return "voc"; }
    std::string_view description() const override;
    bool canExport(TaskType type) const override { return type == TaskType::ObjectDetection; }
    bool canImport() const override { return true; }

    /// Writes one XML per image (boxes clipped to the image) and the split lists. Images
    /// without a size are probed from ExportImage::source. Throws ValidationError for
    /// another task type, an unknown class, or a fileName leaving the folder.
    void write(const ExportDataset& dataset, const std::filesystem::path& folder) const override;
    /// Parses every XML, checks sizes, boxes inside their images, unique file names, and
    /// that the split lists name existing annotation files.
    VerifyReport verify(const std::filesystem::path& folder) const override;
    /// input: one XML file, a folder of them, or a folder with Annotations/ (searched
    /// recursively, in name order). The reference of an image is its <filename>.
    void read(const std::filesystem::path& input, ImportSink& sink) const override;
};

/// The registered instance.
const Format& vocFormat();

} // namespace pixmark::formats
