#pragma once
// The line-oriented exporters (JSONL, CSV) write one file for the whole dataset, or one
// per split: "<name>.ext" for images without a split, "train.ext" / "val.ext" /
// "test.ext" for the others. This class opens them as images need them.

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

namespace pixmark::formats {

class ExportFiles {
public:
    /// Files go into folder with extension (".jsonl"); each new file starts with header
    /// (may be empty). datasetName is made safe for a file name ("dataset" when empty).
    ExportFiles(std::filesystem::path folder, const std::string& datasetName, std::string extension,
                std::string header = {});
    /// The stream for an image of this split ("" for none); ValidationError for a split
    /// other than train, val and test.
    std::ofstream& forSplit(const std::string& split);
    /// Closes every file; throws Error naming the file that could not be written.
    void finish();

private:
    std::filesystem::path mFolder;
    std::string mBaseName;
    std::string mExtension;
    std::string mHeader;
    std::map<std::string, std::unique_ptr<std::ofstream>> mFiles; // by file name
};

} // namespace pixmark::formats
