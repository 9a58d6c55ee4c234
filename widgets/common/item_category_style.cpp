#include "widgets/common/item_category_style.h"

#include <QCoreApplication>

namespace pixmark {

QString categoryName(ItemCategory category)
{
    switch (category) {
    case ItemCategory::Queued:
        return QCoreApplication::translate("pixmark::ItemCategory", "Queued");
    case ItemCategory::InProgress:
        return QCoreApplication::translate("pixmark::ItemCategory", "In progress");
    case ItemCategory::Labeled:
        return QCoreApplication::translate("pixmark::ItemCategory", "Needs more labelers");
    case ItemCategory::Done:
        return QCoreApplication::translate("pixmark::ItemCategory", "Done");
    case ItemCategory::NeedsReview:
        return QCoreApplication::translate("pixmark::ItemCategory", "Needs review");
    case ItemCategory::Skipped:
        return QCoreApplication::translate("pixmark::ItemCategory", "Skipped");
    case ItemCategory::Rejected:
        return QCoreApplication::translate("pixmark::ItemCategory", "Rejected");
    case ItemCategory::Missing:
        return QCoreApplication::translate("pixmark::ItemCategory", "Missing");
    case ItemCategory::Unreadable:
        return QCoreApplication::translate("pixmark::ItemCategory", "Unreadable");
    }
    return {};
}

QColor categoryColor(ItemCategory category)
{
    switch (category) {
    case ItemCategory::Queued:
        return QColor(0xb0, 0xb7, 0xc3);
    case ItemCategory::InProgress:
        return QColor(0x3b, 0x82, 0xf6);
    case ItemCategory::Labeled:
        return QColor(0x8f, 0xd1, 0xa8);
    case ItemCategory::Done:
        return QColor(0x2e, 0x9e, 0x5b);
    case ItemCategory::NeedsReview:
        return QColor(0xe0, 0xa1, 0x1b);
    case ItemCategory::Skipped:
        return QColor(0x8e, 0x6c, 0xc9);
    case ItemCategory::Rejected:
        return QColor(0xd6, 0x45, 0x45);
    case ItemCategory::Missing:
        return QColor(0x55, 0x55, 0x55);
    case ItemCategory::Unreadable:
        return QColor(0x33, 0x33, 0x33);
    }
    return {};
}

const std::vector<ItemCategory>& progressOrder()
{
    static const std::vector<ItemCategory> order{
        ItemCategory::Done,    ItemCategory::NeedsReview, ItemCategory::Labeled, ItemCategory::InProgress,
        ItemCategory::Queued,  ItemCategory::Skipped,     ItemCategory::Rejected, ItemCategory::Missing,
        ItemCategory::Unreadable};
    return order;
}

} // namespace pixmark
