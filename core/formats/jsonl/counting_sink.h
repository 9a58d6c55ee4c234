#pragma once
// An ImportSink that only counts, for the formats' verify(): images, shapes, distinct
// class names, and references that appear twice.

#include "core/formats/format.h"

#include <set>
#include <string>

namespace pixmark::formats {

class CountingSink : public ImportSink {
public:
    void image(std::int64_t, const std::string& reference, int, int) override
    {
        ++mReport.images;
        if (!mReferences.insert(reference).second && mDuplicates.insert(reference).second)
            mReport.problems.push_back("The image \"" + reference + "\" is listed more than once.");
    }
    void shape(std::int64_t, const std::string& category, AnnotationKind, std::string, std::optional<double>) override
    {
        ++mReport.annotations;
        if (mCategories.insert(category).second)
            ++mReport.categories;
    }
    /// What was counted; problems holds the duplicates found so far.
    VerifyReport& report() { return mReport; }

private:
    VerifyReport mReport;
    std::set<std::string> mReferences;
    std::set<std::string> mDuplicates;
    std::set<std::string> mCategories;
};

} // namespace pixmark::formats
