#include "widgets/labeling/tag_tile.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

namespace pixmark {

namespace {
constexpr int kMargin = 6;
constexpr int kFrame = 4;
} // namespace

TagTile::TagTile(int index, QWidget* parent) : QWidget(parent), mIndex(index)
{
    setFocusPolicy(Qt::NoFocus);
    setMinimumSize(120, 100);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void TagTile::setImage(const QImage& image, const QString& message)
{
    mImage = image;
    mMessage = message;
    rescale();
    update();
}

void TagTile::setTags(const std::vector<TagChip>& tags)
{
    mTags = tags;
    update();
}

void TagTile::setSelected(bool selected)
{
    if (selected == mSelected)
        return;
    mSelected = selected;
    update();
}

void TagTile::rescale()
{
    const QSize area = size() - QSize(2 * (kMargin + kFrame), 2 * (kMargin + kFrame));
    if (mImage.isNull() || area.isEmpty()) {
        mScaled = QPixmap();
        return;
    }
    mScaled = QPixmap::fromImage(mImage.scaled(area, Qt::KeepAspectRatio, Qt::SmoothTransformation));
}

void TagTile::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    rescale();
}

void TagTile::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().window());
    const QRect inner = rect().adjusted(kMargin, kMargin, -kMargin, -kMargin);
    painter.fillRect(inner, QColor(32, 32, 32));
    if (!mScaled.isNull()) {
        const QPoint topLeft(inner.x() + (inner.width() - mScaled.width()) / 2,
                             inner.y() + (inner.height() - mScaled.height()) / 2);
        painter.drawPixmap(topLeft, mScaled);
    } else {
        painter.setPen(Qt::lightGray);
        painter.drawText(inner, Qt::AlignCenter | Qt::TextWordWrap, mMessage.isEmpty() ? tr("Loading…") : mMessage);
    }
    painter.setRenderHint(QPainter::Antialiasing);

    // Index number, top left, as the keyboard user counts tiles.
    const QString number = QString::number(mIndex + 1);
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    const QRect numberBox(inner.x() + 6, inner.y() + 6, painter.fontMetrics().horizontalAdvance(number) + 12,
                          painter.fontMetrics().height() + 4);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0, 0, 0, 170));
    painter.drawRoundedRect(numberBox, 4, 4);
    painter.setPen(Qt::white);
    painter.drawText(numberBox, Qt::AlignCenter, number);

    // Tag chips along the bottom edge, wrapping upwards when many.
    painter.setFont(font());
    const QFontMetrics metrics = painter.fontMetrics();
    int x = inner.x() + 6;
    int y = inner.bottom() - 6 - (metrics.height() + 6);
    for (const TagChip& chip : mTags) {
        const int width = metrics.horizontalAdvance(chip.name) + 16;
        if (x + width > inner.right() - 6 && x > inner.x() + 6) {
            x = inner.x() + 6;
            y -= metrics.height() + 10;
        }
        const QRect box(x, y, width, metrics.height() + 6);
        painter.setPen(Qt::NoPen);
        painter.setBrush(chip.color);
        painter.drawRoundedRect(box, 8, 8);
        painter.setPen(chip.color.lightness() > 150 ? Qt::black : Qt::white);
        painter.drawText(box, Qt::AlignCenter, chip.name);
        x += width + 6;
    }

    if (mSelected) {
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(palette().highlight().color(), kFrame));
        painter.drawRect(inner.adjusted(-kFrame / 2, -kFrame / 2, kFrame / 2, kFrame / 2));
    }
}

void TagTile::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        emit clicked(mIndex, event->modifiers());
    event->accept();
}

} // namespace pixmark
