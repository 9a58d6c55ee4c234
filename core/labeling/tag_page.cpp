#include "core/labeling/tag_page.h"

#include <algorithm>
#include <iterator>

namespace pixmark {

namespace {
const std::vector<ClassId> kNoTags;
}

TagPage::TagPage(Mode mode, int pageSize) : mMode(mode), mPageSize(pageSize) {}

const std::vector<int>& TagPage::layouts()
{
    static const std::vector<int> sizes{1, 4, 6, 9};
    return sizes;
}

void TagPage::setPageSize(int size)
{
    if (std::find(layouts().begin(), layouts().end(), size) == layouts().end())
        return;
    mPageSize = size;
    std::erase_if(mSelection, [&](int index) { return index >= tileCount(); });
    if (mSelection.empty() && tileCount() > 0)
        mSelection.insert(std::min(mAnchor, tileCount() - 1));
    mAnchor = std::min(mAnchor, std::max(0, tileCount() - 1));
}

int TagPage::nextLayout() const
{
    const auto& sizes = layouts();
    const auto at = std::find(sizes.begin(), sizes.end(), mPageSize);
    if (at == sizes.end() || at + 1 == sizes.end())
        return sizes.front();
    return *(at + 1);
}

int TagPage::columns() const
{
    return mPageSize == 1 ? 1 : (mPageSize == 4 ? 2 : 3);
}

void TagPage::addItems(const std::vector<TagItem>& items, std::int64_t nowMs)
{
    const bool wasEmpty = mItems.empty();
    for (const TagItem& item : items) {
        if (indexOf(item.id) >= 0)
            continue;
        mItems.push_back(item);
        std::vector<ClassId> tags;
        for (ClassId id : item.suggestedClasses)
            if (std::find(tags.begin(), tags.end(), id) == tags.end())
                tags.push_back(id);
        if (mMode == Mode::MultiClass && tags.size() > 1)
            tags.resize(1);
        mTags.push_back(std::move(tags));
    }
    if (wasEmpty && !mItems.empty()) {
        mPageStartMs = nowMs;
        mSelection = {0};
        mAnchor = 0;
    }
}

int TagPage::tileCount() const
{
    return std::min(mPageSize, heldCount());
}

const std::vector<ClassId>& TagPage::tags(int index) const
{
    if (index < 0 || index >= heldCount())
        return kNoTags;
    return mTags[static_cast<std::size_t>(index)];
}

const std::vector<ClassId>& TagPage::tagsOf(ItemId id) const
{
    return tags(indexOf(id));
}

void TagPage::click(int index)
{
    if (index < 0 || index >= tileCount())
        return;
    mSelection = {index};
    mAnchor = index;
}

void TagPage::toggle(int index)
{
    if (index < 0 || index >= tileCount())
        return;
    if (!mSelection.erase(index))
        mSelection.insert(index);
    mAnchor = index;
}

void TagPage::extendTo(int index)
{
    if (index < 0 || index >= tileCount())
        return;
    mSelection.clear();
    for (int i = std::min(mAnchor, index); i <= std::max(mAnchor, index); ++i)
        mSelection.insert(i);
}

void TagPage::selectAll()
{
    mSelection.clear();
    for (int i = 0; i < tileCount(); ++i)
        mSelection.insert(i);
}

void TagPage::clearSelection()
{
    mSelection.clear();
}

void TagPage::moveSelection(int delta)
{
    if (tileCount() == 0)
        return;
    const int from = mSelection.empty() ? mAnchor : (delta > 0 ? *mSelection.rbegin() : *mSelection.begin());
    click(std::clamp(from + delta, 0, tileCount() - 1));
}

void TagPage::moveSelectionRows(int rows)
{
    if (tileCount() == 0)
        return;
    const int from = mSelection.empty() ? mAnchor : (rows > 0 ? *mSelection.rbegin() : *mSelection.begin());
    const int to = from + rows * columns();
    click(to >= 0 && to < tileCount() ? to : from);
}

bool TagPage::applyClass(ClassId classId)
{
    if (mSelection.empty())
        return false;
    if (mMode == Mode::MultiClass) {
        for (int index : mSelection)
            mTags[static_cast<std::size_t>(index)] = {classId};
        if (mSelection.size() == 1 && *mSelection.begin() + 1 < tileCount())
            click(*mSelection.begin() + 1);
        return true;
    }
    const bool allHave = std::all_of(mSelection.begin(), mSelection.end(), [&](int index) {
        const auto& tags = mTags[static_cast<std::size_t>(index)];
        return std::find(tags.begin(), tags.end(), classId) != tags.end();
    });
    for (int index : mSelection) {
        auto& tags = mTags[static_cast<std::size_t>(index)];
        const auto at = std::find(tags.begin(), tags.end(), classId);
        if (allHave)
            tags.erase(at);
        else if (at == tags.end())
            tags.push_back(classId);
    }
    return true;
}

bool TagPage::setTagsOf(ItemId id, const std::vector<ClassId>& tags)
{
    const int index = indexOf(id);
    if (index < 0)
        return false;
    mTags[static_cast<std::size_t>(index)] = tags;
    return true;
}

bool TagPage::isComplete() const
{
    return tileCount() > 0 && untaggedTiles().empty();
}

std::vector<int> TagPage::untaggedTiles() const
{
    std::vector<int> untagged;
    for (int i = 0; i < tileCount(); ++i)
        if (mTags[static_cast<std::size_t>(i)].empty())
            untagged.push_back(i);
    return untagged;
}

std::vector<SubmissionRequest> TagPage::takeSubmissions(LabelerId labeler, std::int64_t nowMs)
{
    std::vector<int> tiles;
    for (int i = 0; i < tileCount(); ++i)
        tiles.push_back(i);
    return take(tiles, labeler, nowMs, false);
}

std::vector<SubmissionRequest> TagPage::takeSkips(LabelerId labeler, std::int64_t nowMs)
{
    std::vector<int> tiles = selection();
    if (tiles.empty())
        for (int i = 0; i < tileCount(); ++i)
            tiles.push_back(i);
    return take(tiles, labeler, nowMs, true);
}

std::vector<SubmissionRequest> TagPage::take(const std::vector<int>& tiles, LabelerId labeler, std::int64_t nowMs,
                                             bool skipped)
{
    std::vector<SubmissionRequest> requests;
    if (tiles.empty())
        return requests;
    const std::int64_t perItem = std::max<std::int64_t>(0, nowMs - mPageStartMs) / static_cast<std::int64_t>(tiles.size());
    for (int index : tiles) {
        const TagItem& item = mItems[static_cast<std::size_t>(index)];
        const auto& tags = mTags[static_cast<std::size_t>(index)];
        SubmissionRequest request;
        request.itemId = item.id;
        request.labelerId = labeler;
        request.durationMs = perItem;
        request.skipped = skipped;
        if (!skipped) {
            for (ClassId id : tags) {
                const bool suggested = std::find(item.suggestedClasses.begin(), item.suggestedClasses.end(), id) !=
                                       item.suggestedClasses.end();
                request.annotations.push_back(Annotation{id, AnnotationKind::Tag, {}, std::nullopt,
                                                         suggested ? ShapeOrigin::PrelabelAccepted : ShapeOrigin::Drawn});
            }
            if (!item.suggestedClasses.empty()) {
                std::vector<ClassId> suggested = item.suggestedClasses;
                std::vector<ClassId> given = tags;
                std::sort(suggested.begin(), suggested.end());
                suggested.erase(std::unique(suggested.begin(), suggested.end()), suggested.end());
                std::sort(given.begin(), given.end());
                std::vector<ClassId> kept;
                std::set_intersection(suggested.begin(), suggested.end(), given.begin(), given.end(),
                                      std::back_inserter(kept));
                // None of the suggested classes kept: the prelabel was rejected, and the
                // label is the labeler's own (still tied to the prediction it replaced).
                request.origin = suggested == given ? SubmissionOrigin::PrelabelAccepted
                                 : kept.empty()     ? SubmissionOrigin::Manual
                                                    : SubmissionOrigin::PrelabelEdited;
                request.predictionId = item.predictionId;
            }
        }
        requests.push_back(std::move(request));
    }
    // Erase from the back so earlier indices stay valid.
    std::vector<int> sorted = tiles;
    std::sort(sorted.rbegin(), sorted.rend());
    for (int index : sorted) {
        mTaken[mItems[static_cast<std::size_t>(index)].id] = mItems[static_cast<std::size_t>(index)];
        mItems.erase(mItems.begin() + index);
        mTags.erase(mTags.begin() + index);
    }
    mPageStartMs = nowMs;
    mSelection.clear();
    mAnchor = 0;
    if (tileCount() > 0)
        mSelection.insert(0);
    return requests;
}

void TagPage::restore(const std::vector<SubmissionRequest>& taken)
{
    for (auto request = taken.rbegin(); request != taken.rend(); ++request) {
        if (indexOf(request->itemId) >= 0)
            continue;
        TagItem item{request->itemId, {}, std::nullopt};
        if (auto at = mTaken.find(request->itemId); at != mTaken.end()) {
            item = at->second;
            mTaken.erase(at);
        }
        std::vector<ClassId> tags;
        for (const Annotation& annotation : request->annotations)
            tags.push_back(annotation.classId);
        mItems.insert(mItems.begin(), item);
        mTags.insert(mTags.begin(), std::move(tags));
    }
    mSelection = {0};
    mAnchor = 0;
    if (tileCount() == 0)
        mSelection.clear();
}

int TagPage::indexOf(ItemId id) const
{
    for (std::size_t i = 0; i < mItems.size(); ++i)
        if (mItems[i].id == id)
            return static_cast<int>(i);
    return -1;
}

} // namespace pixmark
