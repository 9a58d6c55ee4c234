#pragma once
// The data.yaml of an Ultralytics YOLO data set, in the small YAML subset Ultralytics
// writes: top-level "key: value" lines, names as a flow list [a, b], a block list
// ("- a") or an index map ("0: a"). Anything else at the top level is skipped.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pixmark::formats {

/// What Pixmark reads from and writes to data.yaml.
struct DataYaml {
    std::string path;                          ///< "path:" (the data set root), empty if absent
    std::map<std::string, std::string> splits; ///< "train", "val", "test" -> image folder
    std::vector<std::string> names;            ///< class names by index
};

/// Parses data.yaml's text; file is the name used in errors. Throws FormatError naming the
/// line (unterminated quotes or lists, bad escapes, non-contiguous indices, nc disagreeing
/// with names, no names at all).
DataYaml parseDataYaml(std::string_view text, const std::string& file);

/// The text parseDataYaml reads (names as an index map, quoted where YAML needs it).
std::string toDataYamlText(const DataYaml& yaml);

} // namespace pixmark::formats
