#include "core/editing/label_map.h"

#include "core/errors.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace pixmark::editing {

namespace {
PackedBytes pack(const std::vector<std::uint8_t>& pixels, int width, const PixelRect& rect)
{
    PackedBytes packed;
    for (int y = rect.y; y < rect.y + rect.h; ++y) {
        const std::uint8_t* row = pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(width);
        for (int x = rect.x; x < rect.x + rect.w; ++x) {
            if (!packed.runs.empty() && packed.runs.back().first == row[x])
                ++packed.runs.back().second;
            else
                packed.runs.emplace_back(row[x], 1U);
        }
    }
    return packed;
}

void unpack(const PackedBytes& packed, std::vector<std::uint8_t>& pixels, int width, const PixelRect& rect)
{
    std::size_t run = 0;
    std::uint32_t used = 0;
    for (int y = rect.y; y < rect.y + rect.h; ++y) {
        std::uint8_t* row = pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(width);
        for (int x = rect.x; x < rect.x + rect.w; ++x) {
            while (run < packed.runs.size() && used == packed.runs[run].second) {
                ++run;
                used = 0;
            }
            if (run == packed.runs.size())
                return;
            row[x] = packed.runs[run].first;
            ++used;
        }
    }
}
} // namespace

PixelRect PixelRect::united(const PixelRect& other) const
{
    if (other.empty())
        return *this;
    if (empty())
        return other;
    const int x0 = std::min(x, other.x);
    const int y0 = std::min(y, other.y);
    const int x1 = std::max(x + w, other.x + other.w);
    const int y1 = std::max(y + h, other.y + other.h);
    return PixelRect{x0, y0, x1 - x0, y1 - y0};
}

std::size_t MaskPatch::bytes() const
{
    return sizeof(MaskPatch) + (before.runs.size() + after.runs.size()) * sizeof(before.runs.front());
}

LabelMap::LabelMap(int width, int height) : mWidth(width), mHeight(height)
{
    if (width < 1 || height < 1 || width > kMaxMaskSide || height > kMaxMaskSide)
        throw ValidationError("A label map needs a size of 1 to " + std::to_string(kMaxMaskSide) +
                              " pixels on each side, not " + std::to_string(width) + " x " + std::to_string(height));
    mSlots.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 0);
}

ClassId LabelMap::classAt(int x, int y) const
{
    if (x < 0 || y < 0 || x >= mWidth || y >= mHeight)
        return 0;
    return classOfSlot(mSlots[static_cast<std::size_t>(y) * static_cast<std::size_t>(mWidth) + static_cast<std::size_t>(x)]);
}

std::int64_t LabelMap::count(ClassId classId) const
{
    std::int64_t total = 0;
    for (std::uint8_t slot : mSlots)
        if (slot != 0 && mClassOfSlot[slot] == classId)
            ++total;
    return total;
}

std::int64_t LabelMap::labeledCount() const
{
    return static_cast<std::int64_t>(std::count_if(mSlots.begin(), mSlots.end(), [](std::uint8_t s) { return s != 0; }));
}

std::vector<ClassId> LabelMap::classes() const
{
    std::vector<bool> used(mClassOfSlot.size(), false);
    for (std::uint8_t slot : mSlots)
        used[slot] = true;
    std::vector<ClassId> result;
    for (std::size_t slot = 1; slot < used.size(); ++slot)
        if (used[slot] && std::find(result.begin(), result.end(), mClassOfSlot[slot]) == result.end())
            result.push_back(mClassOfSlot[slot]);
    std::sort(result.begin(), result.end());
    return result;
}

MaskRle LabelMap::mask(ClassId classId) const
{
    std::vector<std::uint8_t> bitmap(mSlots.size());
    for (std::size_t i = 0; i < mSlots.size(); ++i)
        bitmap[i] = mSlots[i] != 0 && mClassOfSlot[mSlots[i]] == classId;
    return encodeMask(bitmap.data(), mWidth, mHeight);
}

void LabelMap::apply(const MaskPatch& patch, bool after)
{
    unpack(after ? patch.after : patch.before, mSlots, mWidth, patch.rect);
}

std::uint8_t LabelMap::slotFor(ClassId classId)
{
    if (classId == 0)
        return 0;
    const auto at = std::find(mClassOfSlot.begin() + 1, mClassOfSlot.end(), classId);
    if (at != mClassOfSlot.end())
        return static_cast<std::uint8_t>(at - mClassOfSlot.begin());
    if (mClassOfSlot.size() > 255)
        throw ValidationError("A label map holds at most 255 classes");
    mClassOfSlot.push_back(classId);
    return static_cast<std::uint8_t>(mClassOfSlot.size() - 1);
}

MaskEdit::MaskEdit(LabelMap& map) : mMap(map), mOriginal(map.mSlots) {}

void MaskEdit::touch(int x, int y, std::uint8_t slot)
{
    mMap.mSlots[static_cast<std::size_t>(y) * static_cast<std::size_t>(mMap.mWidth) + static_cast<std::size_t>(x)] = slot;
}

PixelRect MaskEdit::stroke(ImagePoint a, ImagePoint b, double radius, ClassId classId)
{
    const std::uint8_t slot = mMap.slotFor(classId);
    // Centers snap to pixel centers, so a click paints the same disc at any zoom.
    const double ax = std::floor(a.x) + 0.5, ay = std::floor(a.y) + 0.5;
    const double bx = std::floor(b.x) + 0.5, by = std::floor(b.y) + 0.5;
    const int x0 = std::max(0, static_cast<int>(std::floor(std::min(ax, bx) - radius)));
    const int y0 = std::max(0, static_cast<int>(std::floor(std::min(ay, by) - radius)));
    const int x1 = std::min(mMap.mWidth, static_cast<int>(std::ceil(std::max(ax, bx) + radius)) + 1);
    const int y1 = std::min(mMap.mHeight, static_cast<int>(std::ceil(std::max(ay, by) + radius)) + 1);
    const double dx = bx - ax, dy = by - ay;
    const double lengthSquared = dx * dx + dy * dy;
    const double r2 = radius * radius;
    PixelRect rect;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) {
            const double px = x + 0.5 - ax, py = y + 0.5 - ay;
            const double t = lengthSquared == 0 ? 0 : std::clamp((px * dx + py * dy) / lengthSquared, 0.0, 1.0);
            const double ex = px - t * dx, ey = py - t * dy;
            if (ex * ex + ey * ey <= r2) {
                touch(x, y, slot);
                rect = rect.united(PixelRect{x, y, 1, 1});
            }
        }
    mTouched = mTouched.united(rect);
    return rect;
}

PixelRect MaskEdit::floodFill(int x, int y, ClassId classId)
{
    if (x < 0 || y < 0 || x >= mMap.mWidth || y >= mMap.mHeight)
        return {};
    const std::uint8_t slot = mMap.slotFor(classId);
    const std::size_t width = static_cast<std::size_t>(mMap.mWidth);
    std::vector<std::uint8_t>& pixels = mMap.mSlots;
    const std::uint8_t target = pixels[static_cast<std::size_t>(y) * width + static_cast<std::size_t>(x)];
    // Same class already: a fill changes nothing (and must not loop forever).
    if (mMap.classOfSlot(target) == classId)
        return {};
    PixelRect rect;
    std::vector<std::pair<int, int>> stack{{x, y}};
    while (!stack.empty()) {
        auto [sx, sy] = stack.back();
        stack.pop_back();
        const std::size_t row = static_cast<std::size_t>(sy) * width;
        if (pixels[row + static_cast<std::size_t>(sx)] != target)
            continue;
        // Scanline fill: the whole run on this row, then seeds above and below it.
        int left = sx, right = sx;
        while (left > 0 && pixels[row + static_cast<std::size_t>(left - 1)] == target)
            --left;
        while (right + 1 < mMap.mWidth && pixels[row + static_cast<std::size_t>(right + 1)] == target)
            ++right;
        for (int cx = left; cx <= right; ++cx)
            pixels[row + static_cast<std::size_t>(cx)] = slot;
        rect = rect.united(PixelRect{left, sy, right - left + 1, 1});
        for (int ny : {sy - 1, sy + 1}) {
            if (ny < 0 || ny >= mMap.mHeight)
                continue;
            const std::size_t nrow = static_cast<std::size_t>(ny) * width;
            for (int cx = left; cx <= right; ++cx)
                if (pixels[nrow + static_cast<std::size_t>(cx)] == target &&
                    (cx == left || pixels[nrow + static_cast<std::size_t>(cx - 1)] != target))
                    stack.emplace_back(cx, ny);
        }
    }
    mTouched = mTouched.united(rect);
    return rect;
}

PixelRect MaskEdit::fillMask(const MaskRle& mask, ClassId classId)
{
    if (mask.width != mMap.mWidth || mask.height != mMap.mHeight)
        throw ValidationError("The mask is " + std::to_string(mask.width) + " x " + std::to_string(mask.height) +
                              " pixels, the image " + std::to_string(mMap.mWidth) + " x " + std::to_string(mMap.mHeight));
    const std::uint8_t slot = mMap.slotFor(classId);
    PixelRect rect;
    std::uint64_t position = 0;
    bool set = false;
    const auto height = static_cast<std::uint64_t>(mMap.mHeight);
    for (std::uint32_t run : mask.counts) {
        if (set)
            // Runs go down the columns (column-major).
            for (std::uint64_t i = position; i < position + run; ++i) {
                const int x = static_cast<int>(i / height);
                const int y = static_cast<int>(i % height);
                touch(x, y, slot);
                rect = rect.united(PixelRect{x, y, 1, 1});
            }
        position += run;
        set = !set;
    }
    mTouched = mTouched.united(rect);
    return rect;
}

PixelRect MaskEdit::fillPolygon(const Polygon& polygon, ClassId classId)
{
    return fillMask(maskFromPolygon(polygon, mMap.mWidth, mMap.mHeight), classId);
}

PixelRect MaskEdit::replaceClass(ClassId from, ClassId to)
{
    return fillMask(mMap.mask(from), to);
}

std::optional<MaskPatch> MaskEdit::finish()
{
    const std::vector<std::uint8_t>& now = mMap.mSlots;
    const std::size_t width = static_cast<std::size_t>(mMap.mWidth);
    PixelRect changed;
    for (int y = mTouched.y; y < mTouched.y + mTouched.h; ++y) {
        const std::size_t row = static_cast<std::size_t>(y) * width;
        for (int x = mTouched.x; x < mTouched.x + mTouched.w; ++x)
            if (now[row + static_cast<std::size_t>(x)] != mOriginal[row + static_cast<std::size_t>(x)])
                changed = changed.united(PixelRect{x, y, 1, 1});
    }
    mTouched = {};
    if (changed.empty())
        return std::nullopt;
    MaskPatch patch;
    patch.rect = changed;
    patch.before = pack(mOriginal, mMap.mWidth, changed);
    patch.after = pack(now, mMap.mWidth, changed);
    return patch;
}

void MaskEdit::cancel()
{
    mMap.mSlots = mOriginal;
    mTouched = {};
}

} // namespace pixmark::editing
