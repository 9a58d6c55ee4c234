#include "core/formats/csv/csv_format.h"
#include "core/formats/csv/csv_records.h"
#include "core/formats/jsonl/datastore_url.h"
#include "core/formats/jsonl/input_files.h"
#include "core/formats/jsonl/line_reader.h"
#include "core/util/text.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

namespace pixmark::formats {

namespace {

/// The parts of a ';'-separated field, trimmed; an empty field has none.
std::vector<std::string> parts(const std::string& field)
{
    std::vector<std::string> result;
    if (trimmed(field).empty())
        return result;
    std::size_t start = 0;
    for (;;) {
        const auto end = field.find(';', start);
        result.push_back(trimmed(std::string_view(field).substr(start, end - start)));
        if (end == std::string::npos)
            return result;
        start = end + 1;
    }
}

struct Columns {
    std::size_t url = 0;
    std::size_t label = 0;
    std::optional<std::size_t> confidence;
    std::size_t count = 0;
};

Columns findColumns(CsvRecords& records, const std::vector<std::string>& header)
{
    Columns columns;
    columns.count = header.size();
    std::optional<std::size_t> url;
    std::optional<std::size_t> label;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string name = lowercase(trimmed(header[i]));
        if ((name == "image_url" || name == "url") && !url)
            url = i;
        else if (name == "label" && !label)
            label = i;
        else if (name == "label_confidence" && !columns.confidence)
            columns.confidence = i;
    }
    if (!url || !label) {
        std::string list;
        for (const std::string& name : header)
            list += (list.empty() ? "\"" : ", \"") + name + "\"";
        records.fail(std::string("the header has no ") + (url ? "label" : "image_url (or Url)") +
                     " column; its columns are " + list);
    }
    columns.url = *url;
    columns.label = *label;
    return columns;
}

} // namespace

void readCsv(const std::filesystem::path& input, ImportSink& sink)
{
    std::int64_t key = 0;
    for (const std::filesystem::path& file : inputFiles(input, {".csv"})) {
        CsvRecords records(file, displayName(file, input), kMaxLineBytes);
        std::vector<std::string> fields;
        if (!records.next(fields))
            continue; // an empty file lists no images
        const Columns columns = findColumns(records, fields);
        records.setColumns(fields);
        while (records.next(fields)) {
            if (fields.size() != columns.count)
                records.fail("expected " + std::to_string(columns.count) + " fields as in the header, found " +
                             std::to_string(fields.size()));
            const std::string url = trimmed(fields[columns.url]);
            if (url.empty())
                records.fail(columns.url, "is empty");
            const std::vector<std::string> labels = parts(fields[columns.label]);
            for (const std::string& label : labels)
                if (label.empty())
                    records.fail(columns.label, "an empty class name in \"" + fields[columns.label] + "\"");
            std::vector<std::optional<double>> scores(labels.size());
            if (columns.confidence) {
                const std::vector<std::string> texts = parts(fields[*columns.confidence]);
                if (!texts.empty() && texts.size() != labels.size())
                    records.fail(*columns.confidence, "expected " + std::to_string(labels.size()) +
                                                          " confidences, one per class, found " +
                                                          std::to_string(texts.size()));
                for (std::size_t i = 0; i < texts.size(); ++i) {
                    if (texts[i].empty())
                        continue; // this class has no score
                    double value = -1;
                    const char* end = texts[i].data() + texts[i].size();
                    const auto [ptr, error] = std::from_chars(texts[i].data(), end, value);
                    if (error != std::errc() || ptr != end || !(value >= 0.0 && value <= 1.0))
                        records.fail(*columns.confidence,
                                     "expected a number between 0 and 1, found \"" + texts[i] + "\"");
                    scores[i] = value;
                }
            }
            ++key;
            sink.image(key, referenceFromUrl(url), 0, 0);
            for (std::size_t i = 0; i < labels.size(); ++i)
                sink.shape(key, labels[i], AnnotationKind::Tag, {}, scores[i]);
        }
    }
}

} // namespace pixmark::formats
