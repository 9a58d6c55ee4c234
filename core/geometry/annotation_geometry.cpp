#include "core/geometry/annotation_geometry.h"

#include "core/errors.h"
#include "core/geometry/box.h"
#include "core/geometry/mask_rle.h"
#include "core/geometry/polygon.h"

#include <string>

namespace pixmark {

void validateAnnotationGeometry(const Annotation& annotation, int imageWidth, int imageHeight)
{
    switch (annotation.kind) {
    case AnnotationKind::Tag:
        return;
    case AnnotationKind::Box:
        parseBox(annotation.geometry);
        return;
    case AnnotationKind::Polygon:
        parsePolygon(annotation.geometry);
        return;
    case AnnotationKind::Mask: {
        const MaskRle mask = parseMask(annotation.geometry);
        if (imageWidth > 0 && imageHeight > 0 && (mask.width != imageWidth || mask.height != imageHeight))
            throw ValidationError("The mask is " + std::to_string(mask.width) + " x " + std::to_string(mask.height) +
                                  " pixels but the image is " + std::to_string(imageWidth) + " x " +
                                  std::to_string(imageHeight) + "; draw it on the image as it is now.");
        return;
    }
    }
}

} // namespace pixmark
