#include "widgets/project/data/thumbnail_cell_painter.h"

#include "widgets/project/data/data_grid_model.h"
#include "widgets/common/item_category_style.h"

#include <QFileInfo>
#include <QFontMetrics>
#include <QPainter>

#include <algorithm>

namespace pixmark {

namespace {
constexpr int kMargin = 8;
constexpr int kStripe = 5;
constexpr int kChipHeight = 16;

QColor textOn(const QColor& background)
{
    return background.lightness() > 150 ? QColor(Qt::black) : QColor(Qt::white);
}
} // namespace

void ThumbnailCellPainter::paint(QPainter& painter, const QRect& rect, const ItemOverview* overview,
                                 const QImage& thumbnail, const DataGridModel& model, bool selected, bool current,
                                 const QPalette& palette)
{
    const QRect inner = rect.adjusted(3, 3, -3, -3);
    if (selected) {
        painter.fillRect(inner, palette.color(QPalette::Highlight).lighter(160));
        painter.setPen(QPen(palette.color(QPalette::Highlight), 2));
        painter.drawRect(inner.adjusted(1, 1, -1, -1));
    }
    if (current) {
        painter.setPen(QPen(palette.color(QPalette::Highlight), 1, Qt::DashLine));
        painter.drawRect(inner.adjusted(0, 0, -1, -1));
    }

    const QRect thumbArea(rect.left() + kMargin, rect.top() + kMargin, thumbnailSize().width(),
                          thumbnailSize().height());
    if (!thumbnail.isNull()) {
        // Small images (a 28 px dataset) are enlarged to the cell like large ones are reduced:
        // a grid is for seeing what is in the picture.
        QSize size = thumbnail.size();
        size.scale(thumbArea.size(), Qt::KeepAspectRatio);
        QRect target(QPoint(0, 0), size);
        target.moveCenter(thumbArea.center());
        painter.save();
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.drawImage(target, thumbnail);
        painter.restore();
    } else {
        painter.fillRect(thumbArea, palette.color(QPalette::AlternateBase).darker(108));
        painter.setPen(palette.color(QPalette::PlaceholderText));
        painter.drawText(thumbArea, Qt::AlignCenter,
                         overview ? QObject::tr("No preview") : QObject::tr("…"));
    }
    if (!overview)
        return;

    const QColor stripe = categoryColor(overview->category);
    const QRect stripeRect(thumbArea.left(), thumbArea.bottom() + 1, thumbArea.width(), kStripe);
    painter.fillRect(stripeRect, stripe);

    QFont small = painter.font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.8));
    painter.setFont(small);
    const QFontMetrics metrics(small);

    // Category badge in the thumbnail's top-left corner.
    const QString category = categoryName(overview->category);
    QRect badge(thumbArea.topLeft() + QPoint(2, 2), QSize(metrics.horizontalAdvance(category) + 8, kChipHeight));
    painter.fillRect(badge, stripe);
    painter.setPen(textOn(stripe));
    painter.drawText(badge, Qt::AlignCenter, category);

    if (overview->prelabeled) {
        const QRect mark(thumbArea.right() - kChipHeight - 1, thumbArea.top() + 2, kChipHeight, kChipHeight);
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setBrush(QColor(0x6a, 0x1b, 0x9a));
        painter.setPen(Qt::NoPen);
        painter.drawEllipse(mark);
        painter.setPen(Qt::white);
        painter.drawText(mark, Qt::AlignCenter, QObject::tr("P"));
        painter.setBrush(Qt::NoBrush);
        painter.setRenderHint(QPainter::Antialiasing, false);
    }

    // File name.
    const int textTop = stripeRect.bottom() + 3;
    const QRect nameRect(thumbArea.left(), textTop, thumbArea.width(), metrics.height());
    painter.setPen(palette.color(QPalette::Text));
    const QString name = QFileInfo(QString::fromStdString(overview->relativePath)).fileName();
    painter.drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter, metrics.elidedText(name, Qt::ElideMiddle, nameRect.width()));

    // Class chips, as many as fit; "+n" for the rest.
    int x = thumbArea.left();
    const int chipTop = nameRect.bottom() + 3;
    const int right = thumbArea.right();
    std::vector<ClassId> classes; // a detection label repeats its classes, a chip each is enough
    for (const ClassId id : overview->classes)
        if (std::find(classes.begin(), classes.end(), id) == classes.end())
            classes.push_back(id);
    for (std::size_t i = 0; i < classes.size(); ++i) {
        const ClassId id = classes[i];
        const QString text = metrics.elidedText(model.className(id), Qt::ElideRight, 70);
        const int width = metrics.horizontalAdvance(text) + 8;
        const bool last = i + 1 == classes.size();
        if (x + width > right - (last ? 0 : 24)) {
            painter.setPen(palette.color(QPalette::Text));
            painter.drawText(QRect(x, chipTop, right - x, kChipHeight), Qt::AlignLeft | Qt::AlignVCenter,
                             QObject::tr("+%1").arg(classes.size() - i));
            break;
        }
        const QColor color = model.classColor(id);
        const QRect chip(x, chipTop, width, kChipHeight);
        painter.fillRect(chip, color);
        painter.setPen(textOn(color));
        painter.drawText(chip, Qt::AlignCenter, text);
        x += width + 3;
    }
}

} // namespace pixmark
