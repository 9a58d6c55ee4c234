#include "core/ingest/glob_pattern.h"

#include "core/errors.h"

#include <algorithm>

namespace pixmark::ingest {

namespace {

std::vector<std::string> splitSegments(std::string_view path)
{
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        const auto end = slash == std::string_view::npos ? path.size() : slash;
        if (end > start)
            segments.emplace_back(path.substr(start, end - start));
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    return segments;
}

// Matches a bracket expression at pattern[p] ("[...]") against c; advances p past it.
bool matchClass(std::string_view pattern, std::size_t& p, char c)
{
    std::size_t i = p + 1;
    bool negate = false;
    if (i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^')) {
        negate = true;
        ++i;
    }
    bool found = false;
    bool first = true;
    while (i < pattern.size() && (pattern[i] != ']' || first)) {
        first = false;
        if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
            if (pattern[i] <= c && c <= pattern[i + 2])
                found = true;
            i += 3;
        } else {
            if (pattern[i] == c)
                found = true;
            ++i;
        }
    }
    p = i + 1; // past ']'
    return found != negate;
}

// One segment against one name: '*' and '?' never cross a '/', which a segment lacks.
bool matchSegment(std::string_view pattern, std::string_view name)
{
    std::size_t p = 0, n = 0;
    std::size_t starP = std::string_view::npos, starN = 0;
    while (n < name.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            starP = p++;
            starN = n;
        } else if (p < pattern.size() && pattern[p] == '?') {
            ++p;
            ++n;
        } else if (p < pattern.size() && pattern[p] == '[') {
            std::size_t next = p;
            if (matchClass(pattern, next, name[n])) {
                p = next;
                ++n;
            } else if (starP != std::string_view::npos) {
                p = starP + 1;
                n = ++starN;
            } else {
                return false;
            }
        } else if (p < pattern.size() && pattern[p] == name[n]) {
            ++p;
            ++n;
        } else if (starP != std::string_view::npos) {
            p = starP + 1;
            n = ++starN;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

bool matchSegments(const std::vector<std::string>& pattern, std::size_t p, const std::vector<std::string>& path,
                   std::size_t n)
{
    while (p < pattern.size()) {
        if (pattern[p] == "**") {
            // ** matches zero or more whole folders; try every split.
            for (std::size_t skip = n; skip <= path.size(); ++skip)
                if (matchSegments(pattern, p + 1, path, skip))
                    return true;
            return false;
        }
        if (n >= path.size() || !matchSegment(pattern[p], path[n]))
            return false;
        ++p;
        ++n;
    }
    return n == path.size();
}

} // namespace

bool hasWildcards(std::string_view text)
{
    return text.find_first_of("*?[") != std::string_view::npos;
}

GlobPattern::GlobPattern(std::string_view pattern) : mText(pattern)
{
    if (pattern.empty())
        throw ValidationError("A file pattern cannot be empty.");
    if (pattern.front() == '/')
        throw ValidationError("The file pattern \"" + mText + "\" must be relative to the source folder.");
    mSegments = splitSegments(pattern);
    for (const auto& segment : mSegments) {
        if (segment == "..")
            throw ValidationError("The file pattern \"" + mText + "\" cannot leave the source folder (..).");
        const auto open = segment.find('[');
        if (open != std::string::npos && segment.find(']', open + 2) == std::string::npos)
            throw ValidationError("The file pattern \"" + mText + "\" has an unclosed [.");
    }
    if (mSegments.empty())
        throw ValidationError("The file pattern \"" + mText + "\" names no files.");
    // Each ** may try every split of a path, so many of them cost exponential time.
    if (std::count(mSegments.begin(), mSegments.end(), "**") > 3)
        throw ValidationError("The file pattern \"" + mText + "\" has more than three ** parts.");
}

bool GlobPattern::matches(std::string_view relativePath) const
{
    return matchSegments(mSegments, 0, splitSegments(relativePath), 0);
}

std::string GlobPattern::fixedPrefix() const
{
    std::string prefix;
    for (std::size_t i = 0; i + 1 < mSegments.size() && !hasWildcards(mSegments[i]); ++i)
        prefix += (prefix.empty() ? "" : "/") + mSegments[i];
    return prefix;
}

int GlobPattern::maxDepth() const
{
    std::size_t fixed = 0;
    while (fixed + 1 < mSegments.size() && !hasWildcards(mSegments[fixed]))
        ++fixed;
    for (std::size_t i = fixed; i < mSegments.size(); ++i)
        if (mSegments[i] == "**")
            return -1;
    return static_cast<int>(mSegments.size() - fixed) - 1;
}

} // namespace pixmark::ingest
