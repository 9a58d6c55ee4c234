#pragma once
// Private to core/store: reading an annotation (or suggestion) from a result row.

#include "core/model/labeling.h"
#include "core/store/sqlite/statement.h"

namespace pixmark::store {

/// The annotation in columns first..first+3 of row: class_id, kind, geometry, score
/// (a NULL class id reads as 0).
inline Annotation readAnnotation(const sqlite::Statement& row, int first)
{
    Annotation annotation;
    annotation.classId = row.optionalInteger(first).value_or(0);
    annotation.kind = parseAnnotationKind(row.text(first + 1)).value_or(AnnotationKind::Tag);
    annotation.geometry = row.optionalText(first + 2).value_or("");
    if (!row.isNull(first + 3))
        annotation.score = row.real(first + 3);
    return annotation;
}

/// A handed-in annotation: readAnnotation's columns, then origin.
inline Annotation readSubmittedAnnotation(const sqlite::Statement& row, int first)
{
    Annotation annotation = readAnnotation(row, first);
    annotation.origin = parseShapeOrigin(row.text(first + 4)).value_or(ShapeOrigin::Drawn);
    return annotation;
}

} // namespace pixmark::store
