#include "core/formats/masks/masks_format.h"

#include "core/formats/format_error.h"
#include "core/formats/format_files.h"
#include "core/formats/masks/indexed_png.h"
#include "core/formats/masks/masks_files_p.h"
#include "core/ingest/image_reader.h"
#include "core/ingest/image_readers.h"

#include <array>

namespace pixmark::formats {

VerifyReport MasksFormat::verify(const std::filesystem::path& folder) const
{
    VerifyReport report;
    ClassMap classMap;
    try {
        classMap = masks::readClassMap(folder);
    } catch (const Error& error) {
        report.problems.push_back(error.what());
        return report;
    }
    report.categories = static_cast<std::int64_t>(classMap.names.size() - classMap.names.count(0));
    std::error_code error;
    if (!std::filesystem::is_directory(folder / "SegmentationClass", error))
        report.problems.push_back(folder.string() + ": no SegmentationClass folder");
    const std::filesystem::path masksFolder = masks::maskFolder(folder);
    try {
        for (const std::filesystem::path& file : filesWithExtension(masksFolder, ".png")) {
            ++report.images;
            try {
                const IndexedPng png = readIndexedPng(readFileBytes(file, masks::kMaxMaskBytes), file.string());
                std::array<bool, 256> present{};
                for (const std::uint8_t value : png.pixels)
                    present[value] = true;
                for (int value = 1; value < 255; ++value) {
                    if (!present[std::size_t(value)])
                        continue;
                    if (classMap.names.count(value))
                        ++report.annotations;
                    else
                        report.problems.push_back(file.string() + ": pixel value " + std::to_string(value) +
                                                  " is not in class_map.json");
                }
                if (const auto image = masks::imageFor(folder, file.lexically_relative(masksFolder))) {
                    const ingest::ImageHeader header = ingest::probeImage(*image);
                    if (header.width != png.width || header.height != png.height)
                        report.problems.push_back(file.string() + ": the mask is " + std::to_string(png.width) + " x " +
                                                  std::to_string(png.height) + " but its image " + image->string() + " is " +
                                                  std::to_string(header.width) + " x " + std::to_string(header.height));
                }
            } catch (const Error& bad) {
                report.problems.push_back(bad.what());
            }
        }
    } catch (const Error& failure) {
        report.problems.push_back(failure.what());
    }
    return report;
}

} // namespace pixmark::formats
