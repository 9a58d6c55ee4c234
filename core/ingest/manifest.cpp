#include "core/ingest/manifest.h"

#include "core/errors.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

namespace pixmark::ingest {

namespace {

std::string joined(const std::vector<std::string>& names)
{
    std::string text;
    for (const auto& name : names)
        text += (text.empty() ? "" : ", ") + name;
    return text;
}

std::size_t requireColumn(const std::vector<std::string>& columns, const std::string& name,
                          const std::filesystem::path& file)
{
    const auto it = std::find(columns.begin(), columns.end(), name);
    if (it == columns.end())
        throw ValidationError("The manifest " + file.filename().string() + " has no column \"" + name +
                              "\"; its columns are: " + joined(columns) + ".");
    return static_cast<std::size_t>(it - columns.begin());
}

std::filesystem::path resolveImage(const std::string& value, const std::filesystem::path& manifest)
{
    const std::filesystem::path path(value);
    return (path.is_absolute() ? path : manifest.parent_path() / path).lexically_normal();
}

// Reads one CSV record, which may span lines inside quotes. False at end of input.
bool readCsvRecord(std::istream& in, std::string& record, int& line)
{
    record.clear();
    std::string part;
    bool inQuotes = false;
    bool any = false;
    while (std::getline(in, part)) {
        ++line;
        any = true;
        if (!part.empty() && part.back() == '\r')
            part.pop_back();
        record += part;
        inQuotes ^= (std::count(part.begin(), part.end(), '"') % 2) == 1;
        if (!inQuotes)
            return true;
        record += '\n';
    }
    return any;
}

void addRow(Manifest& manifest, int line, const std::string& image, const std::string& label, bool hasLabel,
            const std::string& imageColumn, const std::filesystem::path& file)
{
    if (image.empty()) {
        manifest.problems.push_back({line, "line " + std::to_string(line) + ": no value in column \"" + imageColumn +
                                               "\""});
        return;
    }
    ManifestRow row{line, resolveImage(image, file), std::nullopt};
    if (hasLabel && !label.empty())
        row.label = label;
    manifest.rows.push_back(std::move(row));
}

Manifest readCsv(std::istream& in, const std::filesystem::path& file, const ManifestColumns& columns)
{
    Manifest manifest;
    std::string record;
    int line = 0;
    if (!readCsvRecord(in, record, line))
        throw ValidationError("The manifest " + file.filename().string() + " is empty.");
    if (record.rfind("\xEF\xBB\xBF", 0) == 0) // a byte-order mark from spreadsheet programs
        record.erase(0, 3);
    manifest.columns = splitCsvRecord(record);
    const std::size_t imageIndex = requireColumn(manifest.columns, columns.image, file);
    std::optional<std::size_t> labelIndex;
    if (columns.label)
        labelIndex = requireColumn(manifest.columns, *columns.label, file);
    while (true) {
        const int firstLine = line + 1;
        if (!readCsvRecord(in, record, line))
            break;
        if (record.find_first_not_of(" \t") == std::string::npos)
            continue;
        const auto fields = splitCsvRecord(record);
        if (fields.size() != manifest.columns.size()) {
            manifest.problems.push_back({firstLine, "line " + std::to_string(firstLine) + ": " +
                                                        std::to_string(fields.size()) + " fields instead of " +
                                                        std::to_string(manifest.columns.size())});
            continue;
        }
        addRow(manifest, firstLine, fields[imageIndex], labelIndex ? fields[*labelIndex] : "", labelIndex.has_value(),
               columns.image, file);
    }
    return manifest;
}

// A cell must be a scalar: nested arrays or objects are refused rather than printed
// (printing recurses, and a hostile line nests deeply enough to exhaust the stack).
std::optional<std::string> cellText(const nlohmann::json& value)
{
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_null())
        return std::string();
    if (value.is_number() || value.is_boolean())
        return value.dump();
    return std::nullopt;
}

Manifest readJsonLines(std::istream& in, const std::filesystem::path& file, const ManifestColumns& columns)
{
    Manifest manifest;
    std::string text;
    int line = 0;
    while (std::getline(in, text)) {
        ++line;
        if (text.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        nlohmann::json object;
        try {
            object = nlohmann::json::parse(text);
        } catch (const nlohmann::json::parse_error&) {
            manifest.problems.push_back({line, "line " + std::to_string(line) + ": not valid JSON"});
            continue;
        }
        if (!object.is_object()) {
            manifest.problems.push_back({line, "line " + std::to_string(line) + ": not a JSON object"});
            continue;
        }
        for (const auto& [key, value] : object.items())
            if (std::find(manifest.columns.begin(), manifest.columns.end(), key) == manifest.columns.end())
                manifest.columns.push_back(key);
        if (!object.contains(columns.image)) {
            manifest.problems.push_back({line, "line " + std::to_string(line) + ": no key \"" + columns.image + "\""});
            continue;
        }
        const auto image = cellText(object[columns.image]);
        const auto label = columns.label && object.contains(*columns.label) ? cellText(object[*columns.label])
                                                                             : std::optional<std::string>("");
        if (!image || !label) {
            manifest.problems.push_back({line, "line " + std::to_string(line) + ": a cell holds a list or an object"});
            continue;
        }
        addRow(manifest, line, *image, *label, columns.label.has_value(), columns.image, file);
    }
    if (line == 0)
        throw ValidationError("The manifest " + file.filename().string() + " is empty.");
    if (manifest.rows.empty() && !manifest.columns.empty() &&
        std::find(manifest.columns.begin(), manifest.columns.end(), columns.image) == manifest.columns.end())
        requireColumn(manifest.columns, columns.image, file);
    return manifest;
}

} // namespace

std::vector<std::string> splitCsvRecord(const std::string& record)
{
    std::vector<std::string> fields;
    std::string field;
    bool inQuotes = false;
    for (std::size_t i = 0; i < record.size(); ++i) {
        const char c = record[i];
        if (inQuotes) {
            if (c == '"' && i + 1 < record.size() && record[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                inQuotes = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            inQuotes = true;
        } else if (c == ',') {
            fields.push_back(std::move(field));
            field.clear();
        } else {
            field += c;
        }
    }
    fields.push_back(std::move(field));
    return fields;
}

Manifest readManifest(const std::filesystem::path& file, const ManifestColumns& columns)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw ValidationError("Cannot read the manifest \"" + file.string() + "\".");
    if (columns.image.empty())
        throw ValidationError("Name the manifest column that holds the image paths.");
    const auto extension = file.extension().string();
    if (extension == ".jsonl" || extension == ".ndjson")
        return readJsonLines(in, file, columns);
    return readCsv(in, file, columns);
}

} // namespace pixmark::ingest
