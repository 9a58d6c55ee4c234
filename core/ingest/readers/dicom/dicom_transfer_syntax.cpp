#include "core/ingest/readers/dicom/dicom_transfer_syntax.h"

#include <dcmtk/dcmdata/dcxfer.h>

#include <array>
#include <string_view>
#include <utility>

namespace pixmark::ingest {

namespace {
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kHtj2kNames{{
    {"1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)"},
    {"1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)"},
    {"1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression"},
}};
} // namespace

bool unknownToDcmtk(const std::string& uid)
{
    return DcmXfer(uid.c_str()).getXfer() == EXS_Unknown;
}

std::string transferSyntaxName(const std::string& uid)
{
    for (const auto& [known, name] : kHtj2kNames)
        if (uid == known)
            return std::string(name);
    if (unknownToDcmtk(uid))
        return "unknown transfer syntax " + uid;
    return DcmXfer(uid.c_str()).getXferName();
}

bool isJpeg2000(const std::string& uid)
{
    if (uid == "1.2.840.10008.1.2.4.90" || uid == "1.2.840.10008.1.2.4.91")
        return true;
    for (const auto& entry : kHtj2kNames)
        if (uid == entry.first)
            return true;
    return false;
}

} // namespace pixmark::ingest
