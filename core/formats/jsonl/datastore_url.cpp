#include "core/formats/jsonl/datastore_url.h"

#include <algorithm>
#include <cctype>

namespace pixmark::formats {

namespace {

bool startsWithNoCase(std::string_view text, std::string_view prefix)
{
    return text.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
           });
}

/// What follows the first '/' of rest (the part after a bucket or datastore name).
std::string afterFirstSegment(std::string_view rest)
{
    const auto slash = rest.find('/');
    return slash == std::string_view::npos ? std::string() : std::string(rest.substr(slash + 1));
}

} // namespace

std::string referenceFromUrl(std::string_view url)
{
    std::string text(url);
    std::replace(text.begin(), text.end(), '\\', '/');
    const std::string_view view = text;
    if (startsWithNoCase(view, "amldatastore://"))
        return afterFirstSegment(view.substr(15));
    if (startsWithNoCase(view, "s3://"))
        return afterFirstSegment(view.substr(5));
    if (startsWithNoCase(view, "azureml://")) {
        const auto paths = view.find("/paths/");
        if (paths != std::string_view::npos)
            return std::string(view.substr(paths + 7));
    }
    return text;
}

} // namespace pixmark::formats
