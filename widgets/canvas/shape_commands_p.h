#pragma once
// Private to widgets/canvas: the undo commands of AnnotationDocument, one per kind of edit.

#include "widgets/canvas/annotation_document.h"
#include "widgets/canvas/undo_merge_ids.h"

#include <QCoreApplication>
#include <QUndoCommand>

#include <utility>
#include <vector>

namespace pixmark {

/// Adds shapes (redo) or removes them (undo); with removing set, the other way round.
class AddRemoveShapesCommand : public QUndoCommand {
public:
    AddRemoveShapesCommand(AnnotationDocument& document, std::vector<std::pair<std::size_t, Shape>> shapes,
                           bool removing)
        : QUndoCommand(removing ? QCoreApplication::translate("pixmark::AnnotationDocument", "Delete shape")
                                : QCoreApplication::translate("pixmark::AnnotationDocument", "Add shape")),
          mDocument(document), mShapes(std::move(shapes)), mRemoving(removing)
    {
    }
    void redo() override { mRemoving ? erase() : insert(); }
    void undo() override { mRemoving ? insert() : erase(); }

private:
    void insert() { mDocument.insertShapes(mShapes); }
    void erase()
    {
        std::vector<ShapeId> ids;
        for (const auto& entry : mShapes)
            ids.push_back(entry.second.id);
        mDocument.eraseShapes(ids);
    }

    AnnotationDocument& mDocument;
    std::vector<std::pair<std::size_t, Shape>> mShapes; ///< index in the list, shape
    bool mRemoving;
};

/// A new box for one shape. Commands of one drag merge (Tiled's mergeable pattern: the
/// first of a gesture is not mergeable, the rest merge into it); a drag that ends where it
/// began leaves no step.
class TransformShapeCommand : public QUndoCommand {
public:
    TransformShapeCommand(AnnotationDocument& document, Shape before, Shape after, bool mergeable)
        : QUndoCommand(QCoreApplication::translate("pixmark::AnnotationDocument", "Move or resize shape")),
          mDocument(document), mBefore(std::move(before)), mAfter(std::move(after)), mMergeable(mergeable)
    {
    }
    int id() const override { return static_cast<int>(UndoMergeId::TransformShape); }
    bool mergeWith(const QUndoCommand* other) override
    {
        const auto* next = static_cast<const TransformShapeCommand*>(other);
        if (!next->mMergeable || next->mAfter.id != mAfter.id)
            return false;
        mAfter = next->mAfter;
        setObsolete(mAfter.box == mBefore.box && mAfter.polygon == mBefore.polygon &&
                    mAfter.predicted == mBefore.predicted);
        return true;
    }
    void redo() override { mDocument.assignShape(mAfter); }
    void undo() override { mDocument.assignShape(mBefore); }

private:
    AnnotationDocument& mDocument;
    Shape mBefore;
    Shape mAfter;
    bool mMergeable;
};

/// Some shapes' state replaced at once (another class, prelabels accepted).
class AssignShapesCommand : public QUndoCommand {
public:
    AssignShapesCommand(AnnotationDocument& document, std::vector<Shape> before, std::vector<Shape> after,
                        const QString& text)
        : QUndoCommand(text), mDocument(document), mBefore(std::move(before)), mAfter(std::move(after))
    {
    }
    void redo() override
    {
        for (const Shape& shape : mAfter)
            mDocument.assignShape(shape);
    }
    void undo() override
    {
        for (const Shape& shape : mBefore)
            mDocument.assignShape(shape);
    }

private:
    AnnotationDocument& mDocument;
    std::vector<Shape> mBefore;
    std::vector<Shape> mAfter;
};

/// One mask edit (a stroke, a fill): the changed rectangle's pixels before and after. The
/// first redo (on push) finds the pixels already painted and paints them again. Counts its
/// memory in the document's mask history; drop() frees it when the history is over its
/// cap, and the edit is permanent from then on (undo and redo do nothing).
class MaskPatchCommand : public QUndoCommand {
public:
    MaskPatchCommand(AnnotationDocument& document, editing::MaskPatch patch, const QString& text)
        : QUndoCommand(text), mDocument(document), mPatch(std::move(patch))
    {
        mDocument.countMaskHistory(static_cast<std::ptrdiff_t>(mPatch.bytes()));
    }
    ~MaskPatchCommand() override { drop(); }
    void redo() override
    {
        if (!mDropped)
            mDocument.applyMaskPatch(mPatch, true);
    }
    void undo() override
    {
        if (!mDropped)
            mDocument.applyMaskPatch(mPatch, false);
    }
    bool dropped() const { return mDropped; }
    void drop()
    {
        if (mDropped)
            return;
        mDocument.countMaskHistory(-static_cast<std::ptrdiff_t>(mPatch.bytes()));
        mPatch = {};
        mDropped = true;
    }

private:
    AnnotationDocument& mDocument;
    editing::MaskPatch mPatch;
    bool mDropped = false;
};

} // namespace pixmark
