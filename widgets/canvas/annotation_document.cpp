#include "widgets/canvas/annotation_document.h"

#include "core/editing/polygon_edit.h"
#include "core/errors.h"
#include "widgets/canvas/shape_commands_p.h"

#include <algorithm>

namespace pixmark {

namespace {
/// An edited prelabel stays a prelabel, edited; a drawn shape stays drawn.
ShapeOrigin editedOrigin(ShapeOrigin origin)
{
    return origin == ShapeOrigin::Drawn ? ShapeOrigin::Drawn : ShapeOrigin::PrelabelEdited;
}
} // namespace

AnnotationDocument::AnnotationDocument(int imageWidth, int imageHeight, std::vector<Shape> initial, QObject* parent)
    : QObject(parent), mWidth(imageWidth), mHeight(imageHeight), mShapes(std::move(initial))
{
    for (Shape& shape : mShapes) {
        shape.id = mNextId++;
        if (shape.isPolygon())
            shape.box = boundingBox(shape.polygon);
        if (shape.predicted) {
            ++mInitialPredicted;
            shape.origin = ShapeOrigin::PrelabelAccepted;
        }
    }
}

AnnotationDocument::~AnnotationDocument()
{
    // The commands refer to this document: they go first.
    mUndo.clear();
}

std::size_t AnnotationDocument::indexOf(ShapeId id) const
{
    const auto at = std::find_if(mShapes.begin(), mShapes.end(), [id](const Shape& s) { return s.id == id; });
    return static_cast<std::size_t>(at - mShapes.begin());
}

const Shape* AnnotationDocument::shape(ShapeId id) const
{
    const std::size_t index = indexOf(id);
    return index < mShapes.size() ? &mShapes[index] : nullptr;
}

ShapeId AnnotationDocument::addBox(ClassId classId, const Box& box)
{
    Shape shape;
    shape.classId = classId;
    shape.box = box;
    return addShapes({shape}).front();
}

std::vector<ShapeId> AnnotationDocument::addShapes(std::vector<Shape> shapes)
{
    std::vector<std::pair<std::size_t, Shape>> entries;
    std::vector<ShapeId> ids;
    std::size_t index = mShapes.size();
    for (Shape& shape : shapes) {
        shape.id = mNextId++;
        shape.predicted = false;
        shape.origin = ShapeOrigin::Drawn;
        shape.score.reset();
        shape.visible = true;
        shape.locked = false;
        ids.push_back(shape.id);
        entries.emplace_back(index++, shape);
    }
    if (entries.empty())
        return ids;
    mUndo.push(new AddRemoveShapesCommand(*this, std::move(entries), false));
    select(ids.back());
    return ids;
}

void AnnotationDocument::removeShapes(const std::vector<ShapeId>& ids)
{
    std::vector<std::pair<std::size_t, Shape>> entries;
    for (std::size_t i = 0; i < mShapes.size(); ++i)
        if (!mShapes[i].locked && std::find(ids.begin(), ids.end(), mShapes[i].id) != ids.end())
            entries.emplace_back(i, mShapes[i]);
    if (!entries.empty())
        mUndo.push(new AddRemoveShapesCommand(*this, std::move(entries), true));
}

bool AnnotationDocument::setBox(ShapeId id, const Box& box, bool continuing)
{
    const Shape* current = shape(id);
    if (!current || current->locked || current->box == box)
        return false;
    Shape after = *current;
    after.box = box;
    if (current->isPolygon())
        after.polygon = editing::mapPolygon(current->polygon, current->box, box);
    after.predicted = false;
    after.origin = editedOrigin(after.origin);
    // The gesture's first command carries the shape as it was before the drag.
    mUndo.push(new TransformShapeCommand(*this, *current, after, continuing));
    return true;
}

void AnnotationDocument::changeClass(const std::vector<ShapeId>& ids, ClassId classId)
{
    std::vector<Shape> before;
    std::vector<Shape> after;
    for (const Shape& shape : mShapes)
        if (!shape.locked && shape.classId != classId && std::find(ids.begin(), ids.end(), shape.id) != ids.end()) {
            before.push_back(shape);
            after.push_back(shape);
            after.back().classId = classId;
            after.back().predicted = false;
            after.back().origin = editedOrigin(shape.origin);
        }
    if (!after.empty())
        mUndo.push(new AssignShapesCommand(*this, std::move(before), std::move(after), tr("Change class")));
}

int AnnotationDocument::acceptPrelabels(const std::vector<ShapeId>& ids)
{
    std::vector<Shape> before;
    std::vector<Shape> after;
    for (const Shape& shape : mShapes)
        if (shape.predicted && std::find(ids.begin(), ids.end(), shape.id) != ids.end()) {
            before.push_back(shape);
            after.push_back(shape);
            after.back().predicted = false;
        }
    const int count = static_cast<int>(after.size());
    if (count > 0)
        mUndo.push(new AssignShapesCommand(*this, std::move(before), std::move(after),
                                           count == 1 ? tr("Accept prelabel") : tr("Accept prelabels")));
    return count;
}

std::vector<ShapeId> AnnotationDocument::pendingPrelabels() const
{
    std::vector<ShapeId> ids;
    for (const Shape& shape : mShapes)
        if (shape.predicted)
            ids.push_back(shape.id);
    return ids;
}

ShapeId AnnotationDocument::addPolygon(ClassId classId, const Polygon& polygon)
{
    if (polygon.points.size() < 3)
        throw ValidationError("A polygon needs at least three points");
    Shape shape;
    shape.classId = classId;
    shape.polygon = polygon;
    shape.box = boundingBox(polygon);
    return addShapes({shape}).front();
}

bool AnnotationDocument::setPolygon(ShapeId id, const Polygon& polygon, bool continuing)
{
    const Shape* current = shape(id);
    if (!current || current->locked || !current->isPolygon() || polygon.points.size() < 3 ||
        current->polygon == polygon)
        return false;
    Shape after = *current;
    after.polygon = polygon;
    after.box = boundingBox(polygon);
    after.predicted = false;
    after.origin = editedOrigin(after.origin);
    mUndo.push(new TransformShapeCommand(*this, *current, after, continuing));
    return true;
}

void AnnotationDocument::enableLabelMap(const std::vector<std::pair<ClassId, MaskRle>>& initial, bool paint,
                                        const std::map<ClassId, ShapeOrigin>& origins)
{
    mPaintsMasks = paint;
    mLabelMap = std::make_unique<editing::LabelMap>(mWidth, mHeight);
    editing::MaskEdit load(*mLabelMap);
    for (const auto& [classId, mask] : initial)
        load.fillMask(mask, classId);
    mHadMaskPrelabels = load.finish().has_value();
    mInitialMasks.clear();
    for (ClassId classId : mLabelMap->classes()) {
        const auto origin = origins.find(classId);
        mInitialMasks[classId] = {toJson(mLabelMap->mask(classId)),
                                  origin == origins.end() ? ShapeOrigin::Drawn : origin->second};
    }
    emitMask(editing::PixelRect{0, 0, mWidth, mHeight});
}

void AnnotationDocument::beginMaskEdit()
{
    if (mLabelMap && !mMaskEdit)
        mMaskEdit.emplace(*mLabelMap);
}

void AnnotationDocument::strokeMask(editing::ImagePoint a, editing::ImagePoint b, double radius, ClassId classId)
{
    if (!mMaskEdit)
        return;
    const editing::PixelRect rect = mMaskEdit->stroke(a, b, radius, classId);
    if (!rect.empty())
        emitMask(rect);
}

bool AnnotationDocument::commitMaskEdit(const QString& text)
{
    std::optional<editing::MaskPatch> patch = mMaskEdit->finish();
    mMaskEdit.reset();
    if (!patch)
        return false;
    mUndo.push(new MaskPatchCommand(*this, std::move(*patch), text));
    enforceMaskHistoryCap();
    return true;
}

namespace {
// Frees the mask patches of one undo step (a mask edit, or a macro holding some); true
// when it held any.
bool dropMaskPatches(QUndoCommand& step)
{
    bool held = false;
    if (auto* patch = dynamic_cast<MaskPatchCommand*>(&step)) {
        held = !patch->dropped();
        patch->drop();
    }
    for (int k = 0; k < step.childCount(); ++k)
        held = dropMaskPatches(*const_cast<QUndoCommand*>(step.child(k))) || held;
    return held;
}
} // namespace

void AnnotationDocument::enforceMaskHistoryCap()
{
    // Oldest first; the newest step stays undoable. A step that held mask pixels becomes
    // permanent as a whole (a conversion's shape half too), so undo never half-restores it.
    // QUndoStack hands its commands out const only; they are heap objects of ours.
    for (int index = 0; mMaskHistoryBytes > mMaskHistoryCap && index + 1 < mUndo.index(); ++index) {
        auto* step = const_cast<QUndoCommand*>(mUndo.command(index));
        if (!step->isObsolete() && dropMaskPatches(*step)) {
            step->setObsolete(true);
            // A clean state before a permanent step cannot come back: the item stays modified.
            if (mUndo.cleanIndex() >= 0 && mUndo.cleanIndex() <= index)
                mUndo.resetClean();
        }
    }
}

void AnnotationDocument::undo()
{
    // QUndoStack removes an obsolete (dropped) step instead of undoing it.
    while (mUndo.canUndo() && mUndo.command(mUndo.index() - 1)->isObsolete())
        mUndo.undo();
    mUndo.undo();
}

bool AnnotationDocument::endMaskEdit(const QString& text)
{
    return mMaskEdit && commitMaskEdit(text);
}

void AnnotationDocument::cancelMaskEdit()
{
    if (!mMaskEdit)
        return;
    mMaskEdit->cancel();
    mMaskEdit.reset();
    emitMask(editing::PixelRect{0, 0, mWidth, mHeight});
}

bool AnnotationDocument::floodFillMask(int x, int y, ClassId classId)
{
    if (!mLabelMap || mMaskEdit)
        return false;
    mMaskEdit.emplace(*mLabelMap);
    emitMask(mMaskEdit->floodFill(x, y, classId));
    return commitMaskEdit(tr("Fill"));
}

bool AnnotationDocument::fillPolygonMask(const Polygon& polygon, ClassId classId)
{
    if (!mLabelMap || mMaskEdit)
        return false;
    mMaskEdit.emplace(*mLabelMap);
    emitMask(mMaskEdit->fillPolygon(polygon, classId));
    return commitMaskEdit(tr("Fill polygon"));
}

bool AnnotationDocument::fillMask(const MaskRle& mask, ClassId classId)
{
    if (!mLabelMap || mMaskEdit)
        return false;
    mMaskEdit.emplace(*mLabelMap);
    try {
        emitMask(mMaskEdit->fillMask(mask, classId));
    } catch (...) {
        mMaskEdit->cancel();
        mMaskEdit.reset();
        throw;
    }
    return commitMaskEdit(tr("Fill region"));
}

bool AnnotationDocument::convertPolygonToMask(ShapeId id)
{
    const Shape* current = shape(id);
    if (!mLabelMap || mMaskEdit || !current || !current->isPolygon() || current->locked)
        return false;
    // A sliver that covers no pixel center would vanish: it stays a polygon.
    if (area(maskFromPolygon(current->polygon, mWidth, mHeight)) == 0)
        return false;
    mUndo.beginMacro(tr("Polygon to mask"));
    // Its pixels may have the class already (nothing to paint): the polygon goes all the same.
    fillPolygonMask(current->polygon, current->classId);
    removeShapes({id});
    mUndo.endMacro();
    enforceMaskHistoryCap();
    return true;
}

ShapeId AnnotationDocument::convertMaskToPolygon(ClassId classId)
{
    if (!mLabelMap || mMaskEdit)
        return 0;
    const std::optional<Polygon> outline = polygonFromMask(mLabelMap->mask(classId));
    if (!outline)
        return 0;
    mUndo.beginMacro(tr("Mask to polygon"));
    const ShapeId id = addPolygon(classId, *outline);
    // Only the class's pixels inside the outline go (the traced region); other classes stay.
    std::vector<std::uint8_t> region = decodeMask(mLabelMap->mask(classId));
    const std::vector<std::uint8_t> inside = decodeMask(maskFromPolygon(*outline, mWidth, mHeight));
    for (std::size_t i = 0; i < region.size(); ++i)
        region[i] = region[i] && inside[i];
    mMaskEdit.emplace(*mLabelMap);
    emitMask(mMaskEdit->fillMask(encodeMask(region.data(), mWidth, mHeight), 0));
    commitMaskEdit(tr("Clear mask"));
    mUndo.endMacro();
    enforceMaskHistoryCap();
    return id;
}

void AnnotationDocument::applyMaskPatch(const editing::MaskPatch& patch, bool after)
{
    if (!mLabelMap)
        return;
    mLabelMap->apply(patch, after);
    emitMask(patch.rect);
}

void AnnotationDocument::emitMask(const editing::PixelRect& rect)
{
    ChangeEvent event{ChangeEvent::Kind::Mask};
    event.rect = rect;
    emit changed(event);
}

void AnnotationDocument::select(ShapeId id)
{
    if (id != 0 && !shape(id))
        id = 0;
    if (id == mSelected)
        return;
    mSelected = id;
    emit changed(ChangeEvent{ChangeEvent::Kind::Selection});
}

void AnnotationDocument::setVisible(ShapeId id, bool visible)
{
    const std::size_t index = indexOf(id);
    if (index >= mShapes.size() || mShapes[index].visible == visible)
        return;
    mShapes[index].visible = visible;
    emit changed(ChangeEvent{ChangeEvent::Kind::Display});
}

void AnnotationDocument::setLocked(ShapeId id, bool locked)
{
    const std::size_t index = indexOf(id);
    if (index >= mShapes.size() || mShapes[index].locked == locked)
        return;
    mShapes[index].locked = locked;
    emit changed(ChangeEvent{ChangeEvent::Kind::Display});
}

std::vector<Annotation> AnnotationDocument::annotations() const
{
    std::vector<Annotation> result;
    result.reserve(mShapes.size());
    for (const Shape& shape : mShapes) {
        Annotation annotation;
        annotation.classId = shape.classId;
        annotation.kind = shape.isPolygon() ? AnnotationKind::Polygon : AnnotationKind::Box;
        annotation.geometry = shape.isPolygon() ? toJson(shape.polygon) : toJson(shape.box);
        annotation.origin = shape.origin;
        result.push_back(std::move(annotation));
    }
    if (mLabelMap)
        for (ClassId classId : mLabelMap->classes()) {
            Annotation annotation;
            annotation.classId = classId;
            annotation.kind = AnnotationKind::Mask;
            annotation.geometry = toJson(mLabelMap->mask(classId));
            // A class's pixels as they were opened keep their origin; changed, a
            // prelabel's pixels count as edited.
            if (const auto initial = mInitialMasks.find(classId); initial != mInitialMasks.end())
                annotation.origin = initial->second.first == annotation.geometry ? initial->second.second
                                                                                 : editedOrigin(initial->second.second);
            result.push_back(std::move(annotation));
        }
    return result;
}

bool AnnotationDocument::prelabelsUntouched() const
{
    if (!hadPrelabels() || static_cast<int>(mShapes.size()) != mInitialPredicted)
        return false;
    // Mask pixels carry no "predicted" mark: any step left on the stack changed them.
    if (mHadMaskPrelabels && mUndo.index() != 0)
        return false;
    return std::all_of(mShapes.begin(), mShapes.end(),
                       [](const Shape& s) { return s.origin == ShapeOrigin::PrelabelAccepted; });
}

void AnnotationDocument::insertShapes(const std::vector<std::pair<std::size_t, Shape>>& at)
{
    for (const auto& [index, shape] : at)
        mShapes.insert(mShapes.begin() + static_cast<std::ptrdiff_t>(std::min(index, mShapes.size())), shape);
    emitShapes();
}

void AnnotationDocument::eraseShapes(const std::vector<ShapeId>& ids)
{
    std::erase_if(mShapes, [&](const Shape& s) { return std::find(ids.begin(), ids.end(), s.id) != ids.end(); });
    emitShapes();
    if (mSelected != 0 && !shape(mSelected))
        select(0);
}

void AnnotationDocument::assignShape(const Shape& replacement)
{
    const std::size_t index = indexOf(replacement.id);
    if (index >= mShapes.size())
        return;
    Shape& shape = mShapes[index];
    shape.classId = replacement.classId;
    shape.box = replacement.box;
    shape.polygon = replacement.polygon;
    shape.predicted = replacement.predicted;
    shape.origin = replacement.origin;
    shape.score = replacement.score;
    emitShapes();
}

void AnnotationDocument::emitShapes()
{
    emit changed(ChangeEvent{ChangeEvent::Kind::Shapes});
}

} // namespace pixmark
