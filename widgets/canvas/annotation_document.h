#pragma once
// The shapes of one open item and their undo history: the only way to change them. Tools
// and the labeling window call the edit functions, each of which pushes exactly one undo
// command; views listen to changed().

#include "core/editing/label_map.h"
#include "core/model/labeling.h"
#include "widgets/canvas/shape.h"

#include <QObject>
#include <QUndoStack>

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace pixmark {

/// What changed, so views redo only what they must.
struct ChangeEvent {
    enum class Kind {
        Shapes,    ///< shapes added, removed, moved, resized or reclassified (undo included)
        Selection, ///< the selected shape changed
        Display,   ///< a shape was hidden, shown, locked or unlocked
        Mask,      ///< pixels of the label map changed (in rect; undo included)
    };
    Kind kind = Kind::Shapes;
    editing::PixelRect rect; ///< Mask: the pixels that changed
};

/// One per open item. Owns its shapes and its QUndoStack (per item: a new item starts with
/// an empty history). The image size bounds every edit.
class AnnotationDocument : public QObject {
    Q_OBJECT
public:
    /// A document over an image of imageWidth x imageHeight with the item's initial shapes
    /// (prelabels); ids are assigned here.
    AnnotationDocument(int imageWidth, int imageHeight, std::vector<Shape> initial = {}, QObject* parent = nullptr);
    ~AnnotationDocument() override;

    int imageWidth() const { return mWidth; }
    int imageHeight() const { return mHeight; }
    const std::vector<Shape>& shapes() const { return mShapes; }
    /// The shape with this id, or null.
    const Shape* shape(ShapeId id) const;
    QUndoStack& undoStack() { return mUndo; }
    /// True when there are edits since the item was opened (or since markSubmitted()).
    bool isModified() const { return !mUndo.isClean(); }
    /// Marks the current state as handed in.
    void markSubmitted() { mUndo.setClean(); }
    /// Undoes the newest step that can be undone, passing over steps the mask history
    /// dropped (they are permanent). Use this rather than undoStack().undo().
    void undo();

    // Edits: one undo command each ----------------------------------------------------
    /// Adds a box of the class and selects it; returns its id.
    ShapeId addBox(ClassId classId, const Box& box);
    /// Adds copies of shapes (new ids; not predicted) as one step and selects the last.
    std::vector<ShapeId> addShapes(std::vector<Shape> shapes);
    /// Removes shapes as one step (locked ones stay).
    void removeShapes(const std::vector<ShapeId>& ids);
    /// Moves or resizes a shape. With continuing, merges into the previous step when that
    /// moved the same shape (one step per drag); the first call of a gesture passes false.
    /// Returns false when nothing changed (same box, unknown or locked shape).
    bool setBox(ShapeId id, const Box& box, bool continuing);
    /// Gives shapes another class as one step.
    void changeClass(const std::vector<ShapeId>& ids, ClassId classId);
    /// Confirms prelabels as they are, as one step: drawn solid from then on, and handed in
    /// as accepted unchanged unless edited later. Returns how many were still unconfirmed.
    int acceptPrelabels(const std::vector<ShapeId>& ids);
    /// The prelabels not confirmed, edited or deleted yet, in drawing order.
    std::vector<ShapeId> pendingPrelabels() const;
    /// Adds a polygon of the class (at least three points) and selects it; returns its id.
    ShapeId addPolygon(ClassId classId, const Polygon& polygon);
    /// Replaces a polygon's vertices (vertex drag, insert, delete); continuing merges into
    /// the previous step like setBox. False when nothing changed or the shape is no
    /// unlocked polygon. Moving or resizing a polygon's box with setBox maps its vertices.
    bool setPolygon(ShapeId id, const Polygon& polygon, bool continuing);

    // The label map: semantic segmentation, and instance segmentation's converted polygons
    /// Gives the document a label map of the image's size, with the item's masks (class,
    /// mask; prelabels or what was stored) painted in, not undoable. Throws ValidationError
    /// for a mask of another size. With paint (semantic segmentation) the polygon and wand
    /// tools fill pixels; without (instance segmentation) they make polygons and the map
    /// holds only polygons converted to masks. origins says where each class's initial
    /// pixels came from (prelabels, a reopened label); a class left out counts as drawn.
    void enableLabelMap(const std::vector<std::pair<ClassId, MaskRle>>& initial = {}, bool paint = true,
                        const std::map<ClassId, ShapeOrigin>& origins = {});
    /// The label map; null when the document has none (boxes and polygons only).
    const editing::LabelMap* labelMap() const { return mLabelMap.get(); }
    /// True when the document's tools paint its label map (see enableLabelMap).
    bool paintsMasks() const { return mLabelMap && mPaintsMasks; }
    /// The memory the mask steps of the undo history hold, and its cap: past the cap the
    /// oldest mask steps are dropped (they become permanent; the newest step always stays
    /// undoable). The cap applies from the next mask step on.
    std::size_t maskHistoryBytes() const { return mMaskHistoryBytes; }
    std::size_t maskHistoryCap() const { return mMaskHistoryCap; }
    void setMaskHistoryCap(std::size_t bytes) { mMaskHistoryCap = bytes; }
    static constexpr std::size_t kDefaultMaskHistoryCap = std::size_t{64} << 20;
    /// A mask edit in progress (a stroke): pixels change at once and changed() reports
    /// them; endMaskEdit() makes the whole edit one undo step, cancelMaskEdit() takes it
    /// back. The functions below do nothing without a label map.
    void beginMaskEdit();
    bool maskEditActive() const { return mMaskEdit.has_value(); }
    /// Paints (classId) or erases (0) the pixels within radius of segment a-b.
    void strokeMask(editing::ImagePoint a, editing::ImagePoint b, double radius, ClassId classId);
    /// Ends the edit in progress: one undo step named text; false when no pixel changed.
    bool endMaskEdit(const QString& text);
    void cancelMaskEdit();
    /// One-step fills: the 4-connected region of the pixel's class, the pixels inside a
    /// polygon, or a mask's pixels (assists). False when no pixel changed.
    bool floodFillMask(int x, int y, ClassId classId);
    bool fillPolygonMask(const Polygon& polygon, ClassId classId);
    bool fillMask(const MaskRle& mask, ClassId classId);
    /// Converts a polygon shape into label-map pixels of its class (the shape goes), one step.
    /// False (and nothing changes) for a locked shape or one that covers no pixel center.
    bool convertPolygonToMask(ShapeId id);
    /// Converts the largest region of a class's pixels into a polygon shape (the pixels go),
    /// one step; returns the new shape's id, or 0 when the class has no pixels.
    ShapeId convertMaskToPolygon(ClassId classId);

    // View state: not undoable ----------------------------------------------------------
    /// The selected shape, or 0.
    ShapeId selected() const { return mSelected; }
    void select(ShapeId id);
    void setVisible(ShapeId id, bool visible);
    void setLocked(ShapeId id, bool locked);

    /// The item's label as core stores it: one Box or Polygon annotation per shape, and one
    /// Mask annotation per class of the label map, each with its origin. Prelabels still
    /// unconfirmed count as accepted: Submit accepts what is left.
    std::vector<Annotation> annotations() const;
    /// True when the document holds prelabels (shapes or masks) and every one of them is
    /// still as the model drew it, confirmed or not (nothing added, removed, edited or
    /// painted, or every edit undone): the labeler accepted them as they were.
    bool prelabelsUntouched() const;
    bool hadPrelabels() const { return mInitialPredicted > 0 || mHadMaskPrelabels; }

    // For the commands (shape_commands_p.h) -----------------------------------------
    void insertShapes(const std::vector<std::pair<std::size_t, Shape>>& at);
    void eraseShapes(const std::vector<ShapeId>& ids);
    void assignShape(const Shape& shape); ///< replaces the shape with the same id (geometry, class, predicted)
    void applyMaskPatch(const editing::MaskPatch& patch, bool after);
    /// Mask steps report the memory they hold (positive when made, negative when freed).
    void countMaskHistory(std::ptrdiff_t bytes) { mMaskHistoryBytes += static_cast<std::size_t>(bytes); }

signals:
    void changed(const pixmark::ChangeEvent& event);

private:
    std::size_t indexOf(ShapeId id) const;
    void emitShapes();
    void emitMask(const editing::PixelRect& rect);
    bool commitMaskEdit(const QString& text);
    void enforceMaskHistoryCap();

    int mWidth;
    int mHeight;
    std::vector<Shape> mShapes;
    ShapeId mNextId = 1;
    ShapeId mSelected = 0;
    int mInitialPredicted = 0;
    bool mHadMaskPrelabels = false;
    std::map<ClassId, std::pair<std::string, ShapeOrigin>> mInitialMasks; ///< pixels as opened (JSON), origin
    std::unique_ptr<editing::LabelMap> mLabelMap;
    std::optional<editing::MaskEdit> mMaskEdit;
    bool mPaintsMasks = true;
    std::size_t mMaskHistoryBytes = 0;
    std::size_t mMaskHistoryCap = kDefaultMaskHistoryCap;
    QUndoStack mUndo;
};

} // namespace pixmark
