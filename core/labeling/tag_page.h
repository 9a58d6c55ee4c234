#pragma once
// Classification labeling without any GUI: the items a labeler holds, the page of them
// on screen (1, 4, 6 or 9 tiles), the tile selection and the tags. The labeling window
// only translates clicks and keys into these calls, so the whole flow is testable here.

#include "core/model/labeling.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace pixmark {

/// One held item: its id and the suggestions (prelabels) it arrived with.
struct TagItem {
    ItemId id = 0;
    std::vector<ClassId> suggestedClasses;  ///< shown pre-filled as tags
    std::optional<std::int64_t> predictionId; ///< the suggestion the tags came from
};

/// The held items in queue order; the first pageSize of them are the page on screen.
/// Tags are kept per item id, so a layout change (which only moves the page boundary)
/// never loses a tag. Selection and tile indices refer to the page.
class TagPage {
public:
    enum class Mode {
        MultiClass, ///< a class replaces the tile's tag
        MultiLabel, ///< a class toggles on the selected tiles
    };

    explicit TagPage(Mode mode = Mode::MultiClass, int pageSize = 4);

    Mode mode() const { return mMode; }
    void setMode(Mode mode) { mMode = mode; }
    /// The page sizes the grid offers.
    static const std::vector<int>& layouts();
    int pageSize() const { return mPageSize; }
    /// Changes the tile count (1, 4, 6 or 9); tags stay with their items and the
    /// selection keeps the tiles that remain on the page.
    void setPageSize(int size);
    /// The next layout in layouts() after the current one (wrapping).
    int nextLayout() const;
    /// Columns of the grid this page size is shown in (1, 2 or 3; rows fill up from the top).
    int columns() const;

    /// Appends held items (a checkout) behind those already held; duplicates are ignored.
    /// nowMs starts the page clock when the page was empty.
    void addItems(const std::vector<TagItem>& items, std::int64_t nowMs);
    /// Items held in total, and those behind the page (the prefetched next pages).
    int heldCount() const { return static_cast<int>(mItems.size()); }
    const std::vector<TagItem>& heldItems() const { return mItems; }
    /// Tiles on the page now: min(pageSize, held).
    int tileCount() const;
    const TagItem& tile(int index) const { return mItems.at(static_cast<std::size_t>(index)); }
    /// Tags of the item on tile index, in the order they were given.
    const std::vector<ClassId>& tags(int index) const;
    const std::vector<ClassId>& tagsOf(ItemId id) const;

    // Selection (tile indices on the page) ------------------------------------------
    /// Plain click: selects only this tile and makes it the range anchor.
    void click(int index);
    /// Ctrl-click: toggles this tile, which becomes the anchor.
    void toggle(int index);
    /// Shift-click: selects the tiles from the anchor to index (inclusive) only.
    void extendTo(int index);
    void selectAll();
    void clearSelection();
    /// Moves a single selection by delta tiles (keyboard next/previous), clamped.
    void moveSelection(int delta);
    /// Moves a single selection by rows of the grid (keyboard up/down); stays put where
    /// there is no tile in that direction.
    void moveSelectionRows(int rows);
    bool isSelected(int index) const { return mSelection.count(index) > 0; }
    std::vector<int> selection() const { return {mSelection.begin(), mSelection.end()}; }

    // Tagging ---------------------------------------------------------------------
    /// Tags the selected tiles. Multi-class: the class replaces their tag, and when one
    /// tile was selected the selection moves on to the next tile (fast keyboard flow).
    /// Multi-label: adds the class to every selected tile, or removes it from all of
    /// them when they all have it already. Returns false when nothing is selected.
    bool applyClass(ClassId classId);
    /// Replaces the tags of a held item (undo and redo of tagging). Returns false when
    /// the item is no longer held (it was handed in).
    bool setTagsOf(ItemId id, const std::vector<ClassId>& tags);
    /// True when every tile on the page has at least one tag.
    bool isComplete() const;
    /// Tile indices without a tag.
    std::vector<int> untaggedTiles() const;

    // Hand-in ---------------------------------------------------------------------
    /// The submissions of every tile on the page (call when isComplete()), and removes
    /// those items: the next page is what was held behind. Each item's duration is the
    /// page's time divided by its tile count. Prelabel origin: unchanged suggestions are
    /// PrelabelAccepted; changed ones that keep a suggested class PrelabelEdited; those that
    /// keep none were rejected: Manual, with the prediction id.
    std::vector<SubmissionRequest> takeSubmissions(LabelerId labeler, std::int64_t nowMs);
    /// Skip requests for the selected tiles, or for every tile when none is selected;
    /// removes those items (the page fills up from the items behind it).
    std::vector<SubmissionRequest> takeSkips(LabelerId labeler, std::int64_t nowMs);
    /// Puts taken items back in front (their hand-in was refused), with their tags.
    void restore(const std::vector<SubmissionRequest>& taken);

private:
    std::vector<SubmissionRequest> take(const std::vector<int>& tiles, LabelerId labeler, std::int64_t nowMs,
                                        bool skipped);
    int indexOf(ItemId id) const;

    Mode mMode;
    int mPageSize;
    std::vector<TagItem> mItems;
    std::vector<std::vector<ClassId>> mTags; ///< parallel to mItems
    std::map<ItemId, TagItem> mTaken; ///< handed in, kept so restore() can undo it
    std::set<int> mSelection;
    int mAnchor = 0;
    std::int64_t mPageStartMs = 0;
};

} // namespace pixmark
