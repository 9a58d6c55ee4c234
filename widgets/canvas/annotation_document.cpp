#include "widgets/canvas/annotation_document.h"

#include "widgets/canvas/shape_commands_p.h"

#include <algorithm>

namespace pixmark {

AnnotationDocument::AnnotationDocument(int imageWidth, int imageHeight, std::vector<Shape> initial, QObject* parent)
    : QObject(parent), mWidth(imageWidth), mHeight(imageHeight), mShapes(std::move(initial))
{
    for (Shape& shape : mShapes) {
        shape.id = mNextId++;
        if (shape.predicted)
            ++mInitialPredicted;
    }
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
    after.predicted = false;
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
        }
    if (!after.empty())
        mUndo.push(new ChangeClassCommand(*this, std::move(before), std::move(after)));
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
        annotation.kind = AnnotationKind::Box;
        annotation.geometry = toJson(shape.box);
        result.push_back(std::move(annotation));
    }
    return result;
}

bool AnnotationDocument::prelabelsUntouched() const
{
    if (mInitialPredicted == 0 || static_cast<int>(mShapes.size()) != mInitialPredicted)
        return false;
    return std::all_of(mShapes.begin(), mShapes.end(), [](const Shape& s) { return s.predicted; });
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
    shape.predicted = replacement.predicted;
    shape.score = replacement.score;
    emitShapes();
}

void AnnotationDocument::emitShapes()
{
    emit changed(ChangeEvent{ChangeEvent::Kind::Shapes});
}

} // namespace pixmark
