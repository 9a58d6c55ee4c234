#pragma once
// "sagemaker": the output manifests of the reference cloud service's image labeling jobs
// (JSON Lines), read only. Each line has "source-ref" (an s3:// URI) and, for each job
// that labeled it, an attribute named after the job with a "<job>-metadata" companion:
//  - image classification: "<job>": 0 with metadata {"class-name", "confidence", ...};
//  - multi-label classification: "<job>": [0, 2] with metadata {"class-map": {"0": ..},
//    "confidence-map": {"0": 0.9, ..}, ...};
//  - bounding boxes: "<job>": {"image_size": [{"width", "height", "depth"}], "annotations":
//    [{"class_id", "left", "top", "width", "height"}]} with metadata {"class-map",
//    "objects": [{"confidence"}, ...]}, in pixels.
//
// The job attribute is the key that has a matching "-metadata" key; when a chained job
// left several, the one whose metadata has the latest "creation-date" is read (its labels
// supersede the earlier ones). A line without a job is an image without labels. The
// reference is the object key of source-ref ("s3://bucket/dir/a.jpg" -> "dir/a.jpg").
// Confidences become scores only for machine labels ("human-annotated": "no"): a person's
// label is not a prediction. Box corners may lie up to one pixel outside the image and are
// clamped; farther out is an error. Semantic segmentation label maps ("<job>-ref") are not
// read (FormatError).
//
// Import: a .manifest or .jsonl file, or the folder's such files, streamed line by line.
// Export is not offered: write() and verify() throw ValidationError.

#include "core/formats/format.h"

namespace pixmark::formats {

class SagemakerFormat : public Format {
public:
    std::string_view id() const override { return "sagemaker"; }
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
const Format& sagemakerFormat();

/// Streams an output manifest, or a folder's .manifest and .jsonl files, into sink (see the
/// file comment). Throws FormatError naming the file, line and JSON path of the first bad
/// input.
void readSagemakerManifest(const std::filesystem::path& input, ImportSink& sink);

} // namespace pixmark::formats
