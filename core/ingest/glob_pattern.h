#pragma once
// Shell-style path patterns for data sources: `*` and `?` within one path segment,
// `[abc]` / `[a-z]` / `[!x]` character classes, and `**` for any number of folders
// (`dir/**`, `**/*.png`, `a/*/b/*.tif`). Matching is on '/'-separated relative paths
// and is case-sensitive, like the file systems field teams use.

#include <string>
#include <string_view>
#include <vector>

namespace pixmark::ingest {

class GlobPattern {
public:
    /// Throws ValidationError for an empty pattern, an absolute one, ".." segments or an
    /// unclosed '['.
    explicit GlobPattern(std::string_view pattern);

    /// True when relativePath ("a/b/c.png") matches the whole pattern.
    bool matches(std::string_view relativePath) const;
    /// The leading segments without wildcards ("a/b" for "a/b/*/c.png"): where a walk can
    /// start, since nothing outside it can match.
    std::string fixedPrefix() const;
    /// How many folder levels below the fixed prefix a match can lie (0: directly in it);
    /// -1 when unlimited (the pattern has **).
    int maxDepth() const;
    const std::string& text() const { return mText; }

private:
    std::string mText;
    std::vector<std::string> mSegments;
};

/// True for a string with glob wildcards (*, ?, [).
bool hasWildcards(std::string_view text);

} // namespace pixmark::ingest
