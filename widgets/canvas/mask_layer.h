#pragma once
// Paints a label map over the image in class colors, half transparent. Keeps one ARGB
// image of the label map and refreshes only the rectangle an edit changed, so a brush
// stroke on a large image repaints a few thousand pixels, not millions.

#include "core/editing/label_map.h"
#include "widgets/canvas/shapes_layer.h"

#include <QImage>

class QPainter;

namespace pixmark {

class ImageView;

class MaskLayer {
public:
    /// Class id -> style, as the shapes layer has them; the next full refresh uses them.
    void setClasses(const std::map<ClassId, ClassStyle>& classes);
    /// 0 to 1: how strongly class colors cover the image.
    void setOpacity(double opacity) { mOpacity = opacity; }
    /// Rebuilds the pixels of rect from map (the whole map when rect is empty or map is new).
    void refresh(const editing::LabelMap& map, const editing::PixelRect& rect = {});
    /// Forgets the image (a new item).
    void clear();
    /// Paints the visible part in view's widget coordinates, one image pixel per block.
    void paint(QPainter& painter, const ImageView& view) const;

private:
    QRgb colorOf(ClassId classId) const;

    std::map<ClassId, ClassStyle> mClasses;
    const editing::LabelMap* mMap = nullptr; ///< the map last refreshed from (compared, never read)
    QImage mImage;
    double mOpacity = 0.55;
};

} // namespace pixmark
