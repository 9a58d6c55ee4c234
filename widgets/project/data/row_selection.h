#pragma once
// The Data grid's selection as sorted, disjoint row ranges, so that Ctrl+A on a million
// items is one range and not a million entries. Plain C++: the grid's logic is testable
// without a widget.

#include <cstdint>
#include <map>
#include <vector>

namespace pixmark {

/// A set of row indices stored as half-open ranges [first, last). Value type.
class RowSelection {
public:
    /// Removes every row.
    void clear() { mRanges.clear(); }
    /// Adds rows [first, last); overlapping and touching ranges merge.
    void add(std::int64_t first, std::int64_t last);
    /// Removes rows [first, last), splitting ranges where needed.
    void remove(std::int64_t first, std::int64_t last);
    /// Adds the row when absent, removes it when present.
    void toggle(std::int64_t row);
    bool contains(std::int64_t row) const;
    bool isEmpty() const { return mRanges.empty(); }
    /// Number of selected rows.
    std::int64_t count() const;
    /// Number of ranges (1 after select-all), for tests and cost checks.
    std::size_t rangeCount() const { return mRanges.size(); }
    /// Every selected row, ascending.
    std::vector<std::int64_t> rows() const;
    /// Drops rows at or beyond rowCount (after the list shrank).
    void clampTo(std::int64_t rowCount);

private:
    std::map<std::int64_t, std::int64_t> mRanges; ///< first -> last (exclusive)
};

} // namespace pixmark
