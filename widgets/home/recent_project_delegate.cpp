#include "widgets/home/recent_project_delegate.h"

#include <QApplication>
#include <QPainter>

namespace pixmark {

namespace {
constexpr int kHorizontalPadding = 10;
constexpr int kVerticalPadding = 7;
constexpr int kLineGap = 2;

QFont nameFont(const QFont& base)
{
    QFont font = base;
    font.setBold(true);
    return font;
}

QFont locationFont(const QFont& base)
{
    QFont font = base;
    if (base.pointSizeF() > 0)
        font.setPointSizeF(base.pointSizeF() * 0.9);
    else
        font.setPixelSize(qMax(1, base.pixelSize() * 9 / 10));
    return font;
}
} // namespace

void RecentProjectDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                  const QModelIndex& index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    const QString name = background.text;
    background.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const bool selected = option.state.testFlag(QStyle::State_Selected);
    const bool missing = index.data(MissingRole).toBool();
    const QPalette::ColorGroup group =
        option.state.testFlag(QStyle::State_Active) ? QPalette::Active : QPalette::Inactive;
    const QColor textColor = option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor mutedColor = selected ? textColor : option.palette.color(group, QPalette::PlaceholderText);

    const QRect area = option.rect.adjusted(kHorizontalPadding, kVerticalPadding, -kHorizontalPadding,
                                            -kVerticalPadding);
    const QFont first = nameFont(option.font);
    const QFont second = locationFont(option.font);
    const QFontMetrics firstMetrics(first);
    const QFontMetrics secondMetrics(second);

    painter->save();
    painter->setFont(first);
    painter->setPen(missing ? mutedColor : textColor);
    const QRect nameRect(area.left(), area.top(), area.width(), firstMetrics.height());
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                      firstMetrics.elidedText(name, Qt::ElideRight, area.width()));
    painter->setFont(second);
    painter->setPen(mutedColor);
    const QRect locationRect(area.left(), nameRect.bottom() + 1 + kLineGap, area.width(), secondMetrics.height());
    painter->drawText(locationRect, Qt::AlignLeft | Qt::AlignVCenter,
                      secondMetrics.elidedText(index.data(LocationRole).toString(), Qt::ElideMiddle,
                                               area.width()));
    painter->restore();
}

QSize RecentProjectDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QFontMetrics firstMetrics(nameFont(option.font));
    const QFontMetrics secondMetrics(locationFont(option.font));
    const int width = QStyledItemDelegate::sizeHint(option, index).width() + 2 * kHorizontalPadding;
    return {width, firstMetrics.height() + kLineGap + secondMetrics.height() + 2 * kVerticalPadding};
}

} // namespace pixmark
