#pragma once
// The Data tab: every item in a virtualized thumbnail grid with filters, an item view
// with current labels and full history, and Reject / Approve for one or many items.

#include "core/model/labeling.h"

#include <QString>
#include <QWidget>

#include <cstdint>
#include <vector>

class QLabel;
class QPushButton;
class QSplitter;
class QTimer;

namespace pixmark {

class DataFilterBar;
class DataGridModel;
class ItemViewPanel;
class ProjectSession;
class ThumbnailGridView;
class ThumbnailLoader;
enum class ProjectChange;

/// The project window's Data tab. Talks to the project only through the session; keeps
/// the filtered id list, selection and scroll position across refreshes after changes.
class DataTab : public QWidget {
    Q_OBJECT
public:
    /// session outlives the tab.
    explicit DataTab(ProjectSession& session, QWidget* parent = nullptr);
    ~DataTab() override;
    /// When false (tests), actions never open dialogs; use rejectSelected(reason).
    void setInteractive(bool interactive);

    /// Rejects the selected items' current labels with reason. An empty reason is refused
    /// with a message and nothing changes.
    void rejectSelected(const QString& reason);
    /// Approves the selected items' current labels.
    void approveSelected();
    /// Puts the selected skipped items back in the queue.
    void requeueSelected();
    /// Opens the item view on item (it need not be in the current list).
    void openItem(ItemId item);
    /// Re-runs the current filter now, keeping selection and scroll position.
    void refresh();

    /// Ids of the selected rows, in grid order.
    std::vector<ItemId> selectedIds() const;
    /// Number of items the filters let through.
    std::int64_t itemCount() const;
    /// The last message shown above the grid (results and refusals).
    QString message() const;
    ThumbnailGridView* grid() const { return mGrid; }
    DataFilterBar* filterBar() const { return mFilters; }
    ItemViewPanel* itemView() const { return mItemView; }
    const DataGridModel& model() const { return *mModel; }

signals:
    /// A filter result is on screen (after a filter change or a refresh).
    void itemsShown();
    /// A reject or approve request finished (successfully or not).
    void actionFinished();

private:
    void runFilter(bool keepSelection);
    void loadChoices();
    void onProjectChanged(ProjectChange changes);
    void askAndReject(const std::vector<ItemId>& items);
    void reject(std::vector<ItemId> items, const QString& reason);
    void approve(std::vector<ItemId> items);
    void updateCounts();
    void showMessage(const QString& text, bool error);
    void showContextMenu(QPoint globalPos);

    ProjectSession& mSession;
    bool mInteractive = true;
    DataGridModel* mModel;
    ThumbnailLoader* mThumbnails;
    DataFilterBar* mFilters;
    ThumbnailGridView* mGrid;
    ItemViewPanel* mItemView;
    QSplitter* mSplitter;
    QLabel* mCount;
    QLabel* mMessage;
    QPushButton* mRejectButton;
    QPushButton* mApproveButton;
    QPushButton* mRequeueButton;
    QPushButton* mOpenButton;
    QTimer* mRefreshTimer;
    std::uint64_t mFilterRequest = 0; ///< drops answers of superseded filter runs
    bool mHaveResult = false;
};

} // namespace pixmark
