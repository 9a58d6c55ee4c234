#pragma once
// A file that cannot be imported (or an export that does not verify): the message names
// the file and the place, as a line, a byte offset or a JSON path, whichever the format has.

#include "core/errors.h"

#include <cstdint>
#include <string>

namespace pixmark::formats {

/// Where in a file something was found. Unknown parts stay empty / -1.
struct SourcePosition {
    std::string file;            ///< the file's name as the user gave it
    std::int64_t line = -1;      ///< 1-based line (CSV, JSONL, YOLO, XML)
    std::int64_t byteOffset = -1;
    std::string jsonPath;        ///< e.g. "$.annotations[12].bbox[2]"

    /// "labels.json, $.annotations[12].bbox" / "train.csv line 7" / "a.xml byte 210".
    std::string describe() const;
};

/// Bad input in an imported file. what() reads "FILE, PLACE: why"; nothing was imported.
class FormatError : public ValidationError {
public:
    FormatError(const SourcePosition& where, const std::string& why);
    const SourcePosition& position() const { return mPosition; }
    const std::string& reason() const { return mReason; }

private:
    SourcePosition mPosition;
    std::string mReason;
};

} // namespace pixmark::formats
