#pragma once
// The geometry an annotation of each kind must carry, checked before it is stored: a
// label that cannot be read would block consensus, export and training later.

#include "core/model/labeling.h"

namespace pixmark {

/// Throws ValidationError (saying which annotation and why) unless the geometry parses
/// as the annotation's kind (a box, polygon or mask its JSON; a tag's is ignored); a mask is
/// the image's size when that size is known (width and height above 0).
void validateAnnotationGeometry(const Annotation& annotation, int imageWidth, int imageHeight);

} // namespace pixmark
