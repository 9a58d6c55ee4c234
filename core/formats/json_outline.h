#pragma once
// Reading a JSON file far larger than memory should hold (a COCO file of millions of
// annotations): one fast scan finds the root object's members and cuts their arrays into
// runs of whole elements a few megabytes long; a parser then reads one run at a time. The
// scan checks the structure (brackets, strings, commas, colons); the parser checks what it
// reads in each run.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace pixmark::formats {

/// Consecutive elements of an array: the file's bytes [begin, end) hold them with the
/// commas between them, but not the brackets.
struct ElementRun {
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
    std::size_t firstIndex = 0; ///< the array index of the first element in the run
};

/// One member of the root object.
struct JsonMember {
    std::string key;             ///< as written (escapes are kept)
    char opening = 0;            ///< the value's first byte: '[', '{', '"', a digit, 't', ...
    std::uint64_t begin = 0;     ///< the value's first byte in the file
    std::vector<ElementRun> runs; ///< for an array: its elements, in order
};

/// Scans the file; a run holds whole elements and, unless one element is larger, at most
/// runBytes. Throws FormatError (with the byte offset) when the file is not a JSON object
/// or cannot be read.
std::vector<JsonMember> outlineJsonObject(const std::filesystem::path& file, std::size_t runBytes);

/// The run as a JSON array text ("[" elements "]") in buffer, followed by `padding` spare
/// bytes (a parser may read past the end). Returns the text's length; the text's byte k
/// (k >= 1) is the file's byte run.begin + k - 1.
std::size_t readElementRun(const std::filesystem::path& file, const ElementRun& run, std::vector<char>& buffer,
                           std::size_t padding);

} // namespace pixmark::formats
