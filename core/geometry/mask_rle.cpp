#include "core/geometry/mask_rle.h"

#include "core/errors.h"
#include "core/geometry/json_fields_p.h"
#include "core/geometry/raster_p.h"

#include <cmath>
#include <limits>

namespace pixmark {

namespace {

std::size_t pixelCount(int width, int height)
{
    return static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
}

void checkSize(int width, int height)
{
    if (width <= 0 || height <= 0 || width > kMaxMaskSide || height > kMaxMaskSide)
        throw ValidationError("A mask must be between 1 and " + std::to_string(kMaxMaskSide) +
                              " pixels on each side; this one is " + std::to_string(width) + " x " +
                              std::to_string(height) + ".");
}

int sizeEntry(const nlohmann::json& value, const char* name)
{
    if (!value.is_number_integer() || value.get<std::int64_t>() <= 0 || value.get<std::int64_t>() > kMaxMaskSide)
        throw ValidationError(std::string("The mask's ") + name + " must be a whole number from 1 to " +
                              std::to_string(kMaxMaskSide) + ".");
    return static_cast<int>(value.get<std::int64_t>());
}

// Column-major runs of a row-major bitmap, walked column by column.
template <typename IsSet> MaskRle encodeColumns(int width, int height, IsSet isSet)
{
    MaskRle mask{height, width, {}};
    bool current = false;
    std::uint32_t run = 0;
    for (int x = 0; x < width; ++x)
        for (int y = 0; y < height; ++y) {
            if (isSet(x, y) != current) {
                mask.counts.push_back(run);
                run = 0;
                current = !current;
            } else if (run == std::numeric_limits<std::uint32_t>::max()) {
                // A run too long for 32 bits continues after an empty run of the other value.
                mask.counts.push_back(run);
                mask.counts.push_back(0);
                run = 0;
            }
            ++run;
        }
    mask.counts.push_back(run);
    return mask;
}

} // namespace

MaskRle encodeMask(const std::uint8_t* rowMajor, int width, int height)
{
    checkSize(width, height);
    const auto stride = static_cast<std::size_t>(width);
    return encodeColumns(width, height, [&](int x, int y) {
        return rowMajor[static_cast<std::size_t>(y) * stride + static_cast<std::size_t>(x)] != 0;
    });
}

std::vector<std::uint8_t> decodeMask(const MaskRle& mask)
{
    checkSize(mask.width, mask.height);
    const std::size_t total = pixelCount(mask.width, mask.height);
    std::vector<std::uint8_t> out(total, 0);
    const auto h = static_cast<std::size_t>(mask.height);
    const auto w = static_cast<std::size_t>(mask.width);
    std::size_t position = 0; // column-major index
    bool set = false;
    for (std::uint32_t run : mask.counts) {
        const std::size_t end = std::min(total, position + run);
        if (set) {
            std::size_t x = position / h;
            std::size_t y = position % h;
            for (std::size_t k = position; k < end; ++k) {
                out[y * w + x] = 1;
                if (++y == h) {
                    y = 0;
                    ++x;
                }
            }
        }
        position = end;
        set = !set;
    }
    return out;
}

std::int64_t area(const MaskRle& mask)
{
    std::int64_t set = 0;
    for (std::size_t i = 1; i < mask.counts.size(); i += 2)
        set += mask.counts[i];
    return set;
}

MaskRle parseMask(std::string_view json)
{
    const nlohmann::json doc = parseGeometryObject(json, "mask");
    const auto size = doc.find("size");
    if (size == doc.end() || !size->is_array() || size->size() != 2)
        throw ValidationError("The mask's geometry needs \"size\": [height, width].");
    MaskRle mask;
    mask.height = sizeEntry((*size)[0], "height");
    mask.width = sizeEntry((*size)[1], "width");
    const auto counts = doc.find("counts");
    if (counts == doc.end() || !counts->is_array())
        throw ValidationError("The mask's geometry needs \"counts\": a list of run lengths "
                              "(compressed COCO strings are not read here).");
    mask.counts.reserve(counts->size());
    std::uint64_t sum = 0;
    for (const nlohmann::json& count : *counts) {
        if (!count.is_number_integer() || count.get<std::int64_t>() < 0 ||
            count.get<std::int64_t>() > std::numeric_limits<std::uint32_t>::max())
            throw ValidationError("The mask's counts must be whole numbers of at least 0.");
        mask.counts.push_back(static_cast<std::uint32_t>(count.get<std::int64_t>()));
        sum += mask.counts.back();
    }
    const std::uint64_t expected = pixelCount(mask.width, mask.height);
    if (sum != expected)
        throw ValidationError("The mask's counts add up to " + std::to_string(sum) + " pixels, but its size " +
                              std::to_string(mask.height) + " x " + std::to_string(mask.width) + " has " +
                              std::to_string(expected) + ".");
    return mask;
}

std::string toJson(const MaskRle& mask)
{
    return nlohmann::json{{"size", {mask.height, mask.width}}, {"counts", mask.counts}}.dump();
}

MaskRle maskFromPolygon(const Polygon& polygon, int width, int height)
{
    checkSize(width, height);
    std::vector<std::uint8_t> bitmap(pixelCount(width, height), 0);
    const auto stride = static_cast<std::size_t>(width);
    fillSpans(polygon.points, width, height, [&](int row, int begin, int end) {
        std::fill(bitmap.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(row) * stride +
                                                               static_cast<std::size_t>(begin)),
                  bitmap.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(row) * stride +
                                                               static_cast<std::size_t>(end)),
                  1);
    });
    return encodeMask(bitmap.data(), width, height);
}

std::optional<Polygon> polygonFromMask(const MaskRle& mask)
{
    const std::vector<std::uint8_t> bitmap = decodeMask(mask);
    return outlineOfBitmap(bitmap.data(), mask.width, mask.height);
}

} // namespace pixmark
