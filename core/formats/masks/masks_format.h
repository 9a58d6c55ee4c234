#pragma once
// Semantic segmentation as one indexed PNG per image, SegmentationClass/<stem>.png, whose
// pixel value is 1 + the category's index (0 background, 255 unlabeled), with the classes'
// colors in the palette; class_map.json names every value.

#include "core/formats/format.h"

namespace pixmark::formats {

/// Exports and imports semantic segmentation (one mask shape per class present).
class MasksFormat : public Format {
public:
    std::string_view id() const override { return "masks"; }
    std::string_view description() const override;
    bool canExport(TaskType type) const override { return type == TaskType::SemanticSegmentation; }
    bool canImport() const override { return true; }

    /// Paints each image's Mask annotations in order (a later one wins where they
    /// overlap) into an 8-bit palette PNG, and writes class_map.json. Images without a size
    /// are probed from ExportImage::source. Throws ValidationError for another task type,
    /// more than 254 categories, an unknown class, or a mask of another size than its image.
    void write(const ExportDataset& dataset, const std::filesystem::path& folder) const override;
    /// Decodes every PNG, checks its values against class_map.json, and its size against
    /// the image beside it (JPEGImages/ or images/) when there is one.
    VerifyReport verify(const std::filesystem::path& folder) const override;
    /// input: the folder with class_map.json (or that file). PNGs come from
    /// SegmentationClass/ (or the folder itself), in name order; an image's reference is the
    /// image file beside it when found, else the mask's sub-path with ".jpg".
    void read(const std::filesystem::path& input, ImportSink& sink) const override;
};

/// The registered instance.
const Format& masksFormat();

} // namespace pixmark::formats
