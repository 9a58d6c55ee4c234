#pragma once
// One exchange format: an exporter and (for most) an importer, registered in
// core/formats/registry.cpp, the one place that lists them.

#include "core/formats/dataset.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace pixmark::formats {

/// What reading an export back found: counts, and every problem (an empty list: valid).
struct VerifyReport {
    std::int64_t images = 0;
    std::int64_t annotations = 0;
    std::int64_t categories = 0;
    std::vector<std::string> problems; ///< each names the file and the place
    bool ok() const { return problems.empty(); }
};

class Format {
public:
    virtual ~Format() = default;
    /// Stable identifier used on the command line: "coco", "yolo", "voc", ...
    virtual std::string_view id() const = 0;
    /// One line for --help and the export dialog.
    virtual std::string_view description() const = 0;
    virtual bool canExport(TaskType type) const = 0;
    virtual bool canImport() const = 0;

    /// Writes the dataset's annotation files into folder (which exists). Images are not
    /// copied here: the caller copies or references them by ExportImage::fileName.
    virtual void write(const ExportDataset& dataset, const std::filesystem::path& folder) const = 0;
    /// Reads an export written by write() back and checks it: counts, unique ids, boxes
    /// inside their images, valid polygons, masks of the image's size.
    virtual VerifyReport verify(const std::filesystem::path& folder) const = 0;
    /// Streams a file (or folder) of this format into sink. Throws FormatError naming the
    /// file and place of the first bad input.
    virtual void read(const std::filesystem::path& input, ImportSink& sink) const = 0;
};

} // namespace pixmark::formats
