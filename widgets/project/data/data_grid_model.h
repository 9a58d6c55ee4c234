#pragma once
// What the Data grid shows: the ids of the filtered items, and their overviews fetched
// from the project thread page by page (only pages near the screen, a capped number kept).

#include "core/model/item_filter.h"
#include "core/model/label_class.h"

#include <QColor>
#include <QHash>
#include <QObject>
#include <QString>

#include <cstdint>
#include <list>
#include <map>
#include <set>
#include <unordered_map>
#include <vector>

namespace pixmark {

class ProjectSession;

/// The Data grid's rows. Owns the id list (up to millions of ids, in registration order)
/// and a cache of ItemOverview pages; asks the session for missing pages, at most a few
/// at a time and only for pages still wanted, so scrolling never floods the project thread.
class DataGridModel : public QObject {
    Q_OBJECT
public:
    /// Overviews are fetched this many rows at a time (a few screens of cells).
    static constexpr int kPageSize = 200;

    explicit DataGridModel(ProjectSession& session, QObject* parent = nullptr);

    /// Replaces the rows. When keepStale, overviews already known stay on screen until
    /// their pages are fetched again (a refresh); otherwise cells show placeholders.
    void setIds(std::vector<ItemId> ids, bool keepStale);
    std::int64_t count() const { return static_cast<std::int64_t>(mIds.size()); }
    ItemId idAt(std::int64_t row) const { return mIds[static_cast<std::size_t>(row)]; }
    const std::vector<ItemId>& ids() const { return mIds; }

    /// Rows [first, last) are on screen: their pages are fetched first; others waiting are dropped.
    void setVisibleRows(std::int64_t first, std::int64_t last);
    /// The overview of a row when known (fresh or stale), else nullptr. Never blocks.
    const ItemOverview* overview(std::int64_t row) const;

    /// Class names and colors for the chips.
    void setClasses(const std::vector<LabelClass>& classes);
    QString className(ClassId id) const;
    QColor classColor(ClassId id) const;

signals:
    /// Overviews of rows [first, last) arrived.
    void rowsLoaded(std::int64_t first, std::int64_t last);

private:
    void requestPages();
    void pageArrived(std::uint64_t generation, std::int64_t page, std::vector<ItemOverview> overviews);

    ProjectSession& mSession;
    std::vector<ItemId> mIds;
    std::uint64_t mGeneration = 0;
    std::map<std::int64_t, std::vector<ItemOverview>> mPages; ///< page -> overviews by row
    std::list<std::int64_t> mPageUse;                         ///< least recently used first
    std::unordered_map<ItemId, ItemOverview> mStale;          ///< shown until refetched
    std::set<std::int64_t> mInFlight;
    std::int64_t mFirstVisible = 0;
    std::int64_t mLastVisible = 0;
    QHash<ClassId, QString> mClassNames;
    QHash<ClassId, QColor> mClassColors;
};

} // namespace pixmark
