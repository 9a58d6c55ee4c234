#include "widgets/home/recent_project_delegate.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>

namespace pixmark {

namespace {
constexpr int kHorizontalPadding = 10;
constexpr int kVerticalPadding = 7;
constexpr int kLineGap = 2;
constexpr int kBarHeight = 4;

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
    const QString progress = progressText(index);
    if (!progress.isEmpty()) {
        const QRect textRect(area.left(), locationRect.bottom() + 1 + kLineGap, area.width(), secondMetrics.height());
        painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
                          secondMetrics.elidedText(progress, Qt::ElideRight, area.width()));
        const qint64 total = index.data(TotalRole).toLongLong();
        const qint64 labeled = index.data(LabeledRole).toLongLong();
        const QRect track(area.left(), textRect.bottom() + 1 + kLineGap, area.width(), kBarHeight);
        painter->fillRect(track, option.palette.color(group, QPalette::Mid).lighter(130));
        if (total > 0) {
            QRect done = track;
            done.setWidth(static_cast<int>(static_cast<double>(track.width()) * static_cast<double>(labeled) /
                                           static_cast<double>(total)));
            painter->fillRect(done, QColor(0x2e, 0x9e, 0x5b));
        }
    }
    painter->restore();
}

QString RecentProjectDelegate::progressText(const QModelIndex& index)
{
    const QVariant total = index.data(TotalRole);
    if (!total.isValid())
        return {};
    const qint64 items = total.toLongLong();
    const qint64 labeled = index.data(LabeledRole).toLongLong();
    if (items == 0)
        return tr("No images yet");
    const QLocale locale;
    return tr("%1 of %2 labeled (%3 %)")
        .arg(locale.toString(labeled), locale.toString(items), QString::number(labeled * 100 / items));
}

QSize RecentProjectDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QFontMetrics firstMetrics(nameFont(option.font));
    const QFontMetrics secondMetrics(locationFont(option.font));
    const int width = QStyledItemDelegate::sizeHint(option, index).width() + 2 * kHorizontalPadding;
    const int progress = index.data(TotalRole).isValid() ? kLineGap + secondMetrics.height() + kLineGap + kBarHeight : 0;
    return {width, firstMetrics.height() + kLineGap + secondMetrics.height() + progress + 2 * kVerticalPadding};
}

} // namespace pixmark
