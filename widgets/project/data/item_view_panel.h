#pragma once
// The Data tab's item view: a larger image, the item's facts, its current labels and its
// full submission history, with Reject… and Approve for this one item.

#include "core/model/item_filter.h"
#include "core/model/review.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace pixmark {

class DataGridModel;
class ProjectSession;

/// Side panel showing one item. Reads everything through the session (never on the UI
/// thread) and decodes the image on a worker thread. Emits requests; the tab acts on them.
class ItemViewPanel : public QWidget {
    Q_OBJECT
public:
    /// model gives class names and colors (not owned, outlives the panel).
    ItemViewPanel(ProjectSession& session, const DataGridModel& model, QWidget* parent = nullptr);

    /// Shows item (0: nothing). Reloads when it is already shown.
    void showItem(ItemId item);
    ItemId item() const { return mItem; }
    /// Reloads the shown item (after its labels changed).
    void reload() { showItem(mItem); }

    /// History as last loaded, oldest first (tests read it).
    const std::vector<SubmissionRecord>& history() const { return mHistory; }
    QTableWidget* historyTable() const { return mHistoryTable; }

signals:
    void rejectRequested(pixmark::ItemId item);
    void approveRequested(pixmark::ItemId item);
    void closeRequested();
    /// The item's details arrived and are on screen.
    void itemLoaded(pixmark::ItemId item);

private:
    struct Details;
    void showDetails(const Details& details);
    void loadImage(const QString& path);

    ProjectSession& mSession;
    const DataGridModel& mModel;
    ItemId mItem = 0;
    std::uint64_t mRequest = 0; ///< drops answers for an item no longer shown
    std::vector<SubmissionRecord> mHistory;
    QLabel* mImage;
    QLabel* mPath;
    QLabel* mFacts;
    QLabel* mLabels;
    QTableWidget* mHistoryTable;
    QPushButton* mReject;
    QPushButton* mApprove;
};

} // namespace pixmark
