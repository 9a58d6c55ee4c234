#pragma once
// The pixels of a semantic-segmentation label, without any widget: one class (or none) per
// pixel, edited by brush and eraser strokes, flood fills and polygon fills. Each edit
// records only the rectangle it changed, before and after, run-length encoded, so undo
// history stays small (a stroke across a 12-megapixel image costs kilobytes, not
// megabytes). Stored in the project as one run-length mask per class (core/geometry's
// MaskRle).

#include "core/editing/image_point.h"
#include "core/geometry/mask_rle.h"
#include "core/geometry/polygon.h"
#include "core/model/label_class.h"

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace pixmark::editing {

/// Pixels [x, x + w) x [y, y + h).
struct PixelRect {
    int x = 0;
    int y = 0;
    int w = 0;
    int h = 0;

    bool empty() const { return w <= 0 || h <= 0; }
    /// The smallest rectangle holding both (an empty one is ignored).
    PixelRect united(const PixelRect& other) const;
    bool operator==(const PixelRect&) const = default;
};

/// The bytes of a rectangle, row by row, as (value, run length) pairs.
struct PackedBytes {
    std::vector<std::pair<std::uint8_t, std::uint32_t>> runs;
};

/// What one edit changed: the rectangle and its pixels before and after.
struct MaskPatch {
    PixelRect rect;
    PackedBytes before;
    PackedBytes after;
    /// Memory the patch holds, for the history's cap.
    std::size_t bytes() const;
};

/// One class id (or 0, none) per pixel of a width x height image. Up to 255 classes.
class LabelMap {
public:
    /// Throws ValidationError unless both sides are in 1..kMaxMaskSide.
    LabelMap(int width, int height);

    int width() const { return mWidth; }
    int height() const { return mHeight; }
    /// The class at pixel (x, y); 0 for none or outside the image.
    ClassId classAt(int x, int y) const;
    /// Set pixels of the class.
    std::int64_t count(ClassId classId) const;
    /// Set pixels of any class.
    std::int64_t labeledCount() const;
    /// Every class with at least one pixel, ascending.
    std::vector<ClassId> classes() const;
    /// The pixels of one class as a run-length mask.
    MaskRle mask(ClassId classId) const;
    /// Row-major slot numbers (0 none) and the class of each slot: what an overlay paints.
    /// (Not named slots(): Qt defines that word as a macro.)
    const std::vector<std::uint8_t>& pixels() const { return mSlots; }
    ClassId classOfSlot(std::uint8_t slot) const { return slot < mClassOfSlot.size() ? mClassOfSlot[slot] : 0; }

    /// Puts a patch's before (undo) or after (redo) pixels back.
    void apply(const MaskPatch& patch, bool after);

private:
    friend class MaskEdit;
    /// The slot of the class, added when new; 0 for class 0. Throws ValidationError past
    /// 255 classes.
    std::uint8_t slotFor(ClassId classId);

    int mWidth;
    int mHeight;
    std::vector<std::uint8_t> mSlots;
    std::vector<ClassId> mClassOfSlot{0};
};

/// One edit of a label map in progress (a stroke, a fill): pixels change at once (the
/// canvas shows them), and finish() returns what changed as one patch. cancel() puts the
/// map back as it was. The map must outlive the edit.
class MaskEdit {
public:
    explicit MaskEdit(LabelMap& map);

    /// Sets every pixel whose center lies within radius of the segment a-b (a disc when a
    /// equals b) to classId (0 erases). Returns the rectangle touched.
    PixelRect stroke(ImagePoint a, ImagePoint b, double radius, ClassId classId);
    /// Sets the 4-connected region of pixels that share pixel (x, y)'s class to classId.
    PixelRect floodFill(int x, int y, ClassId classId);
    /// Sets the pixels whose centers are inside polygon (even-odd) to classId.
    PixelRect fillPolygon(const Polygon& polygon, ClassId classId);
    /// Sets the mask's pixels to classId (mask must be the map's size, else ValidationError).
    PixelRect fillMask(const MaskRle& mask, ClassId classId);
    /// Sets every pixel of class `from` to `to`.
    PixelRect replaceClass(ClassId from, ClassId to);

    /// The smallest rectangle holding every changed pixel, before and after; nullopt when
    /// nothing changed. The edit is over.
    std::optional<MaskPatch> finish();
    /// Puts every pixel back; the edit is over.
    void cancel();

private:
    void touch(int x, int y, std::uint8_t slot);

    LabelMap& mMap;
    std::vector<std::uint8_t> mOriginal;
    PixelRect mTouched;
};

} // namespace pixmark::editing
