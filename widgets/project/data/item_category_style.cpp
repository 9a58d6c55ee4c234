#include "widgets/project/data/item_category_style.h"

#include <QCoreApplication>

namespace pixmark {

QString categoryName(ItemCategory category)
{
    switch (category) {
    case ItemCategory::Queued: return QCoreApplication::translate("pixmark::DataTab", "Queued");
    case ItemCategory::InProgress: return QCoreApplication::translate("pixmark::DataTab", "In progress");
    case ItemCategory::Labeled: return QCoreApplication::translate("pixmark::DataTab", "Labeled");
    case ItemCategory::NeedsReview: return QCoreApplication::translate("pixmark::DataTab", "Needs review");
    case ItemCategory::Skipped: return QCoreApplication::translate("pixmark::DataTab", "Skipped");
    case ItemCategory::Rejected: return QCoreApplication::translate("pixmark::DataTab", "Rejected");
    case ItemCategory::Missing: return QCoreApplication::translate("pixmark::DataTab", "Missing");
    case ItemCategory::Unreadable: return QCoreApplication::translate("pixmark::DataTab", "Unreadable");
    }
    return {};
}

QColor categoryColor(ItemCategory category)
{
    switch (category) {
    case ItemCategory::Queued: return QColor(0x9e, 0x9e, 0x9e);
    case ItemCategory::InProgress: return QColor(0x42, 0x85, 0xf4);
    case ItemCategory::Labeled: return QColor(0x2e, 0x9d, 0x4f);
    case ItemCategory::NeedsReview: return QColor(0xf2, 0xa9, 0x00);
    case ItemCategory::Skipped: return QColor(0x8e, 0x6c, 0xc6);
    case ItemCategory::Rejected: return QColor(0xd9, 0x3b, 0x30);
    case ItemCategory::Missing: return QColor(0x54, 0x54, 0x54);
    case ItemCategory::Unreadable: return QColor(0x7a, 0x3e, 0x1d);
    }
    return Qt::gray;
}

} // namespace pixmark
