#include "core/ingest/readers/dicom/dicom_text.h"

namespace pixmark::ingest {

std::string trimmedDicomText(std::string_view text)
{
    constexpr std::string_view kPadding(" \t\r\n\0", 5);
    const auto first = text.find_first_not_of(kPadding);
    if (first == std::string_view::npos)
        return {};
    return std::string(text.substr(first, text.find_last_not_of(kPadding) - first + 1));
}

} // namespace pixmark::ingest
