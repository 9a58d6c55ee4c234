#include "widgets/project/data/data_grid_model.h"

#include "widgets/session/project_session.h"

#include <algorithm>

namespace pixmark {

namespace {
constexpr std::size_t kMaxPages = 100; // 20,000 overviews
constexpr std::size_t kMaxInFlight = 2;
} // namespace

DataGridModel::DataGridModel(ProjectSession& session, QObject* parent) : QObject(parent), mSession(session) {}

void DataGridModel::setIds(std::vector<ItemId> ids, bool keepStale)
{
    ++mGeneration;
    mStale.clear();
    if (keepStale)
        for (auto& [page, overviews] : mPages)
            for (auto& overview : overviews)
                mStale.emplace(overview.id, std::move(overview));
    mPages.clear();
    mPageUse.clear();
    mInFlight.clear();
    mIds = std::move(ids);
    // The visible rows were those of the old list; the view sets them again when it
    // paints, and until then they must not point past the new end.
    mFirstVisible = std::min(mFirstVisible, count());
    mLastVisible = std::min(mLastVisible, count());
    requestPages();
}

void DataGridModel::setVisibleRows(std::int64_t first, std::int64_t last)
{
    mFirstVisible = std::max<std::int64_t>(0, first);
    mLastVisible = std::min(last, count());
    requestPages();
}

const ItemOverview* DataGridModel::overview(std::int64_t row) const
{
    if (row < 0 || row >= count())
        return nullptr;
    const auto it = mPages.find(row / kPageSize);
    if (it != mPages.end()) {
        const auto index = static_cast<std::size_t>(row % kPageSize);
        if (index < it->second.size() && it->second[index].id == idAt(row))
            return &it->second[index];
    }
    const auto stale = mStale.find(idAt(row));
    return stale == mStale.end() ? nullptr : &stale->second;
}

void DataGridModel::requestPages()
{
    if (mLastVisible <= mFirstVisible)
        return;
    const std::int64_t firstPage = mFirstVisible / kPageSize;
    const std::int64_t lastPage = (mLastVisible - 1) / kPageSize;
    for (std::int64_t page = firstPage; page <= lastPage && mInFlight.size() < kMaxInFlight; ++page) {
        if (mPages.contains(page)) {
            mPageUse.remove(page);
            mPageUse.push_back(page);
            continue;
        }
        if (mInFlight.contains(page))
            continue;
        mInFlight.insert(page);
        const auto begin = mIds.begin() + page * kPageSize;
        const auto end = mIds.begin() + std::min<std::int64_t>((page + 1) * kPageSize, count());
        std::vector<ItemId> pageIds(begin, end);
        const std::uint64_t generation = mGeneration;
        mSession.run(
            this, [pageIds = std::move(pageIds)](Project& project) { return project.itemOverviews(pageIds); },
            [this, generation, page](std::vector<ItemOverview> overviews) {
                pageArrived(generation, page, std::move(overviews));
            },
            [this, generation, page](const QString&) {
                if (generation == mGeneration)
                    mInFlight.erase(page);
            });
    }
}

void DataGridModel::pageArrived(std::uint64_t generation, std::int64_t page, std::vector<ItemOverview> overviews)
{
    if (generation != mGeneration)
        return;
    mInFlight.erase(page);
    // itemOverviews drops unknown ids (an item deleted meanwhile): realign by id so a row
    // never shows another item's overview.
    const std::int64_t first = page * kPageSize;
    const std::int64_t last = std::min<std::int64_t>(first + kPageSize, count());
    std::vector<ItemOverview> byRow(static_cast<std::size_t>(last - first));
    std::size_t next = 0;
    for (std::int64_t row = first; row < last && next < overviews.size(); ++row)
        if (overviews[next].id == idAt(row))
            byRow[static_cast<std::size_t>(row - first)] = std::move(overviews[next++]);
    mPages[page] = std::move(byRow);
    mPageUse.remove(page);
    mPageUse.push_back(page);
    while (mPageUse.size() > kMaxPages) {
        mPages.erase(mPageUse.front());
        mPageUse.pop_front();
    }
    emit rowsLoaded(first, last);
    requestPages();
}

void DataGridModel::setClasses(const std::vector<LabelClass>& classes)
{
    mClassNames.clear();
    mClassColors.clear();
    for (const auto& labelClass : classes) {
        mClassNames.insert(labelClass.id, QString::fromStdString(labelClass.name));
        const QColor color(QString::fromStdString(labelClass.color));
        mClassColors.insert(labelClass.id, color.isValid() ? color : QColor(Qt::darkCyan));
    }
}

QString DataGridModel::className(ClassId id) const
{
    return mClassNames.value(id, QString::number(id));
}

QColor DataGridModel::classColor(ClassId id) const
{
    return mClassColors.value(id, QColor(Qt::darkCyan));
}

} // namespace pixmark
