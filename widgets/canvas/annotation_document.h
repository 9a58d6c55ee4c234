#pragma once
// The shapes of one open item and their undo history: the only way to change them. Tools
// and the labeling window call the edit functions, each of which pushes exactly one undo
// command; views listen to changed().

#include "core/model/labeling.h"
#include "widgets/canvas/shape.h"

#include <QObject>
#include <QUndoStack>

#include <vector>

namespace pixmark {

/// What changed, so views redo only what they must.
struct ChangeEvent {
    enum class Kind {
        Shapes,    ///< shapes added, removed, moved, resized or reclassified (undo included)
        Selection, ///< the selected shape changed
        Display,   ///< a shape was hidden, shown, locked or unlocked
    };
    Kind kind = Kind::Shapes;
};

/// One per open item. Owns its shapes and its QUndoStack (per item: a new item starts with
/// an empty history). The image size bounds every edit.
class AnnotationDocument : public QObject {
    Q_OBJECT
public:
    /// A document over an image of imageWidth x imageHeight with the item's initial shapes
    /// (prelabels); ids are assigned here.
    AnnotationDocument(int imageWidth, int imageHeight, std::vector<Shape> initial = {}, QObject* parent = nullptr);

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

    // View state: not undoable ----------------------------------------------------------
    /// The selected shape, or 0.
    ShapeId selected() const { return mSelected; }
    void select(ShapeId id);
    void setVisible(ShapeId id, bool visible);
    void setLocked(ShapeId id, bool locked);

    /// The item's label as core stores it: one Box annotation per shape.
    std::vector<Annotation> annotations() const;
    /// True when the document holds prelabels and every one of them is still untouched
    /// (nothing added, removed or edited): the labeler accepted them as they were.
    bool prelabelsUntouched() const;
    bool hadPrelabels() const { return mInitialPredicted > 0; }

    // For the commands (shape_commands_p.h) -----------------------------------------
    void insertShapes(const std::vector<std::pair<std::size_t, Shape>>& at);
    void eraseShapes(const std::vector<ShapeId>& ids);
    void assignShape(const Shape& shape); ///< replaces the shape with the same id (geometry, class, predicted)

signals:
    void changed(const pixmark::ChangeEvent& event);

private:
    std::size_t indexOf(ShapeId id) const;
    void emitShapes();

    int mWidth;
    int mHeight;
    std::vector<Shape> mShapes;
    ShapeId mNextId = 1;
    ShapeId mSelected = 0;
    int mInitialPredicted = 0;
    QUndoStack mUndo;
};

} // namespace pixmark
