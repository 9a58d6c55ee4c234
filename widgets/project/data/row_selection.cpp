#include "widgets/project/data/row_selection.h"

#include <algorithm>

namespace pixmark {

void RowSelection::add(std::int64_t first, std::int64_t last)
{
    if (first >= last)
        return;
    auto it = mRanges.upper_bound(first);
    if (it != mRanges.begin()) {
        auto before = std::prev(it);
        if (before->second >= first) {
            first = before->first;
            last = std::max(last, before->second);
            it = mRanges.erase(before);
        }
    }
    while (it != mRanges.end() && it->first <= last) {
        last = std::max(last, it->second);
        it = mRanges.erase(it);
    }
    mRanges.emplace(first, last);
}

void RowSelection::remove(std::int64_t first, std::int64_t last)
{
    if (first >= last)
        return;
    auto it = mRanges.upper_bound(first);
    if (it != mRanges.begin())
        --it;
    while (it != mRanges.end() && it->first < last) {
        const std::int64_t rangeFirst = it->first;
        const std::int64_t rangeLast = it->second;
        if (rangeLast <= first) {
            ++it;
            continue;
        }
        it = mRanges.erase(it);
        if (rangeFirst < first)
            mRanges.emplace(rangeFirst, first);
        if (rangeLast > last)
            mRanges.emplace(last, rangeLast);
    }
}

void RowSelection::toggle(std::int64_t row)
{
    if (contains(row))
        remove(row, row + 1);
    else
        add(row, row + 1);
}

bool RowSelection::contains(std::int64_t row) const
{
    auto it = mRanges.upper_bound(row);
    if (it == mRanges.begin())
        return false;
    --it;
    return row < it->second;
}

std::int64_t RowSelection::count() const
{
    std::int64_t total = 0;
    for (const auto& [first, last] : mRanges)
        total += last - first;
    return total;
}

std::vector<std::int64_t> RowSelection::rows() const
{
    std::vector<std::int64_t> result;
    result.reserve(static_cast<std::size_t>(count()));
    for (const auto& [first, last] : mRanges)
        for (std::int64_t row = first; row < last; ++row)
            result.push_back(row);
    return result;
}

void RowSelection::clampTo(std::int64_t rowCount)
{
    remove(std::max<std::int64_t>(rowCount, 0), INT64_MAX);
}

} // namespace pixmark
