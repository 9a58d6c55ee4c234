// The memory cap on a mask document's undo history: many large strokes stay under it, the
// recent ones undo exactly, the dropped ones stay painted.
#include "widgets/canvas/annotation_document.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

using namespace pixmark;

TEST_CASE("Mask undo history stays under its cap; recent strokes still undo", "[widgets][canvas][mask-history]")
{
    AnnotationDocument document(2000, 1500);
    document.enableLabelMap();
    constexpr std::size_t cap = 512 * 1024;
    document.setMaskHistoryCap(cap);

    // 60 strokes of radius 120 across the whole image, each a few hundred kilobytes of
    // history with no cap; the map before each one is kept to check undo against.
    std::vector<std::vector<std::uint8_t>> before;
    for (int k = 0; k < 60; ++k) {
        before.push_back(document.labelMap()->pixels());
        document.beginMaskEdit();
        const double y = 100.0 + (k * 37) % 1300;
        document.strokeMask({0, y}, {1999, 1499 - y}, 120, static_cast<ClassId>(1 + k % 3));
        REQUIRE(document.endMaskEdit(QStringLiteral("Brush")));
        CHECK(document.maskHistoryBytes() <= cap);
    }
    CHECK(document.undoStack().count() == 60); // dropped steps stay listed until undo reaches them
    const std::vector<std::uint8_t> last = document.labelMap()->pixels();

    // The recent strokes undo exactly, newest first, and redo.
    int undone = 0;
    for (int k = 59; k >= 0 && document.undoStack().canUndo() && !document.undoStack().command(k)->isObsolete(); --k) {
        document.undo();
        CHECK(document.labelMap()->pixels() == before[static_cast<std::size_t>(k)]);
        ++undone;
    }
    CHECK(undone >= 2);
    CHECK(undone < 60);
    for (int k = 0; k < undone; ++k)
        document.undoStack().redo();
    CHECK(document.labelMap()->pixels() == last);

    // Undo past the recent ones skips the dropped strokes: they stay painted, nothing throws.
    while (document.undoStack().canUndo())
        document.undo();
    CHECK(document.labelMap()->labeledCount() > 0);
    CHECK(document.maskHistoryBytes() <= cap);
    CHECK(document.isModified());
}

TEST_CASE("One step larger than the cap stays undoable", "[widgets][canvas][mask-history]")
{
    AnnotationDocument document(400, 300);
    document.enableLabelMap();
    document.setMaskHistoryCap(16);
    for (int k = 0; k < 3; ++k) {
        document.beginMaskEdit();
        document.strokeMask({10.0 + 100 * k, 10}, {10.0 + 100 * k, 290}, 30, 1);
        REQUIRE(document.endMaskEdit(QStringLiteral("Brush")));
    }
    const std::int64_t painted = document.labelMap()->count(1);
    document.undo();
    const std::int64_t afterUndo = document.labelMap()->count(1);
    CHECK(afterUndo < painted);
    CHECK(afterUndo > 0);
    // The two dropped strokes are permanent: the next undo passes over them, changing nothing.
    document.undo();
    CHECK(document.labelMap()->count(1) == afterUndo);
    CHECK_FALSE(document.undoStack().canUndo());
}
