#include "widgets/canvas/mask_layer.h"

#include "widgets/canvas/image_view.h"

#include <QPainter>

namespace pixmark {

void MaskLayer::setClasses(const std::map<ClassId, ClassStyle>& classes)
{
    mClasses = classes;
}

QRgb MaskLayer::colorOf(ClassId classId) const
{
    const auto at = mClasses.find(classId);
    const QColor color = at == mClasses.end() ? QColor(160, 160, 160) : at->second.color;
    return qRgba(color.red(), color.green(), color.blue(), 255);
}

void MaskLayer::clear()
{
    mMap = nullptr;
    mImage = QImage();
}

void MaskLayer::refresh(const editing::LabelMap& map, const editing::PixelRect& rect)
{
    editing::PixelRect area = rect;
    if (mMap != &map || mImage.width() != map.width() || mImage.height() != map.height() || area.empty()) {
        mMap = &map;
        if (mImage.width() != map.width() || mImage.height() != map.height())
            mImage = QImage(map.width(), map.height(), QImage::Format_ARGB32);
        area = editing::PixelRect{0, 0, map.width(), map.height()};
    }
    // Colors of the slots once, not per pixel.
    std::vector<QRgb> colors(256, qRgba(0, 0, 0, 0));
    for (int slot = 1; slot < 256; ++slot)
        if (const ClassId classId = map.classOfSlot(static_cast<std::uint8_t>(slot)); classId != 0)
            colors[static_cast<std::size_t>(slot)] = colorOf(classId);
    const std::uint8_t* values = map.pixels().data();
    for (int y = area.y; y < area.y + area.h; ++y) {
        auto* line = reinterpret_cast<QRgb*>(mImage.scanLine(y));
        const std::uint8_t* row = values + static_cast<std::size_t>(y) * static_cast<std::size_t>(map.width());
        for (int x = area.x; x < area.x + area.w; ++x)
            line[x] = colors[row[x]];
    }
}

void MaskLayer::paint(QPainter& painter, const ImageView& view) const
{
    if (mImage.isNull())
        return;
    const QRectF visible = view.visibleImageRect().intersected(QRectF(0, 0, mImage.width(), mImage.height()));
    if (visible.isEmpty())
        return;
    // Whole pixels, so the blocks line up with the image's pixels at any zoom.
    const QRect source = visible.toAlignedRect().intersected(mImage.rect());
    painter.save();
    painter.setOpacity(mOpacity);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.drawImage(view.mapFromImage(QRectF(source)), mImage, source);
    painter.restore();
}

} // namespace pixmark
