#pragma once
// "csv": image classification as comma-separated values (RFC 4180), one image per row
// under the header "image_url,label" (plus "label_confidence" when scores are present).
// A multi-label image lists its classes in the one label field, separated by ';'
// ("cat;dog"); its confidences likewise ("0.9;0.4"). A row with an empty label field is an
// image without a class.
//
// Export: multi-class and multi-label only; "<name>.csv", or "train.csv" / "val.csv" /
// "test.csv" per split; image_url is ExportImage::fileName; LF line ends; a field is quoted
// when it holds a comma, a quote, a line break or leading/trailing spaces. A class name
// holding ';' cannot be written for a multi-label export (ValidationError).
//
// Import: a .csv file or a folder of them. Column names are matched without regard to case,
// and the reference service's export columns are accepted: "Url" for image_url,
// "Label_confidence" for label_confidence; other columns are ignored. Datastore URLs become
// paths (core/formats/jsonl/datastore_url.h). ';' always separates classes when reading,
// and spaces around each class name and URL are dropped.

#include "core/formats/format.h"

namespace pixmark::formats {

class CsvFormat : public Format {
public:
    std::string_view id() const override { return "csv"; }
    std::string_view description() const override;
    bool canExport(TaskType type) const override;
    bool canImport() const override { return true; }
    void write(const ExportDataset& dataset, const std::filesystem::path& folder) const override;
    VerifyReport verify(const std::filesystem::path& folder) const override;
    void read(const std::filesystem::path& input, ImportSink& sink) const override;
};

/// The registered instance.
const Format& csvFormat();

/// Writes dataset's classes as CSV files into folder (see the file comment). Throws
/// ValidationError for a task type with shapes or an unwritable class name.
void writeCsv(const ExportDataset& dataset, const std::filesystem::path& folder);
/// Streams a CSV file, or every .csv file of a folder, into sink. Throws FormatError naming
/// the file, line and column of the first bad input.
void readCsv(const std::filesystem::path& input, ImportSink& sink);

} // namespace pixmark::formats
