#include "core/formats/format_error.h"

namespace pixmark::formats {

std::string SourcePosition::describe() const
{
    std::string text = file;
    const auto add = [&](const std::string& part) { text += (text.empty() ? "" : ", ") + part; };
    if (line >= 0)
        add("line " + std::to_string(line));
    if (!jsonPath.empty())
        add(jsonPath);
    if (byteOffset >= 0)
        add("byte " + std::to_string(byteOffset));
    return text;
}

FormatError::FormatError(const SourcePosition& where, const std::string& why)
    : ValidationError(where.describe() + ": " + why), mPosition(where), mReason(why)
{
}

} // namespace pixmark::formats
