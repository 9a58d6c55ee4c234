#pragma once
// Importing labels from another tool's files: options and what came of it.

#include <cstdint>
#include <string>
#include <vector>

namespace pixmark {

struct LabelImportOptions {
    /// Suggestions to review instead of final labels.
    bool asPrelabels = false;
    /// Categories without a class of that name (ignoring case) become classes; otherwise
    /// they are refused and nothing is imported.
    bool createMissingClasses = true;
};

struct LabelImportReport {
    std::int64_t imagesInFile = 0;
    std::int64_t imagesMatched = 0;
    std::int64_t shapesInFile = 0;
    std::int64_t itemsLabeled = 0;       ///< final labels: items that got a submission
    std::int64_t annotations = 0;        ///< annotations or suggestions written
    std::int64_t converted = 0;          ///< shapes turned into the project's kind (a polygon's box, ...)
    std::vector<std::string> classesCreated;
    std::vector<std::string> unmatchedImages;   ///< up to 20 references with no item, for the report
    std::int64_t unmatchedCount = 0;
    std::int64_t shapesWithoutImage = 0;  ///< shapes naming an image the file does not list
};

} // namespace pixmark
