// libFuzzer target for the DICOM reader: every input is written to a file, probed and, when
// the probe accepts it, decoded in both depths. ImageError is the expected way to fail;
// anything else (a crash, a sanitizer report, an escaping exception) is a finding.

#include "core/ingest/image_readers.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace {

const std::filesystem::path& inputFile()
{
    // One file per fuzzing process (libFuzzer -jobs/-workers run several).
    static const std::filesystem::path file =
        std::filesystem::temp_directory_path() / ("pixmark-dicom-fuzz-" + std::to_string(getpid()) + ".dcm");
    return file;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace pixmark::ingest;
    {
        std::ofstream out(inputFile(), std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    // Small enough that a lying header cannot make an input slow or exhaust memory.
    ReaderLimits limits;
    limits.maxPixels = 4'000'000;
    try {
        const ImageHeader header = probeImage(inputFile(), limits);
        DecodeOptions options;
        options.frame = header.frames - 1;
        decodeImage(inputFile(), options, limits);
        options.depth = DecodeOptions::Depth::Full;
        options.frame = 0;
        options.maxSide = 64;
        decodeImage(inputFile(), options, limits);
    } catch (const ImageError&) {
    }
    return 0;
}
