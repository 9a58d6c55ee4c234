#pragma once
// Classification labeling: a grid of 1, 4, 6 or 9 tiles, classes tagged by key or click,
// Submit / Skip, all from the keyboard. The flow itself is core's TagPage
// (core/labeling/tag_page.h); this window translates clicks and keys into its calls,
// talks to the project through the session and shows the result.
//
// Skip (S) skips the selected tiles; with no tile selected it skips the whole page. The
// tiles that remain keep their tags and the page fills up from the items behind it.
//
// Object detection projects get the box canvas instead of the grid (BoxLabelingPage): the
// window keeps the labeler, classes, keys, instructions and status, and hands Submit,
// Skip, undo, redo and class keys to the page; the page's previous / next item actions
// take A and D there (the grid's previous / next tile keys are unbound on a canvas).

#include "core/labeling/tag_page.h"
#include "core/model/label_class.h"
#include "core/model/project_info.h"

#include <QMainWindow>
#include <QUndoStack>
#include <QMap>
#include <QPointer>
#include <QString>

#include <map>
#include <memory>
#include <vector>

class QAction;
class QActionGroup;
class QDialog;
class QGridLayout;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace pixmark {

class BoxLabelingPage;
class ImagePrefetcher;
class KeySettings;
class ProjectSession;
class ShortcutSheet;
class ShortcutsDialog;
class TagTile;

/// The labeling window of a classification project. Holds (checks out) the page on
/// screen plus the next one, whose images are decoded ahead; gives back what it holds
/// when closed. session must outlive the window.
class LabelingWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit LabelingWindow(ProjectSession& session, QWidget* parent = nullptr);
    ~LabelingWindow() override;

    /// Interactive windows ask for the labeler's name on first run and show dialogs;
    /// tests turn that off and call setLabelerName().
    void setInteractive(bool interactive);
    /// Sets (and remembers in QSettings "labeler/name") who submits, and starts labeling.
    void setLabelerName(const QString& name);
    /// Remembers name as the labeler of later sessions without opening a window (the
    /// command line's --labeler). Empty names are ignored.
    static void rememberLabelerName(const QString& name);
    QString labelerName() const { return mLabelerName; }

    // Actions, as the keys and the toolbar trigger them --------------------------------
    /// Submits the page when every tile has a tag; says which tiles lack one otherwise.
    void submitPage();
    /// Skips the selected tiles (the whole page when none is selected).
    void skipSelection();
    /// Shows 1, 4, 6 or 9 tiles; tags already given stay.
    void setTileLayout(int tiles);
    /// Tags the selection with the class (multi-label: toggles).
    void applyClass(ClassId classId);
    void showShortcutSheet();
    void showShortcutsDialog();
    void showInstructions();

    // State, for the status bar and tests -----------------------------------------
    /// True once the labeler and the classes are known.
    bool isReady() const { return mReady; }
    const TagPage& page() const { return mPage; }
    /// True when the images of every tile on the page are decoded (or failed).
    bool pageImagesReady() const;
    /// True when the images of every held item (this page and the prefetched next) are decoded.
    bool heldImagesReady() const;
    /// True when the queue is empty and "Nothing left to label" is shown.
    bool isFinished() const;
    /// Requests sent to the project and not answered yet.
    int pendingRequests() const;
    /// The permanent status text ("Page 2 · 14 of 20 items left · labeler Ann").
    QString statusText() const;
    /// The last message shown in the status bar (refusals, errors).
    QString lastMessage() const { return mLastMessage; }
    int submittedCount() const { return mSubmitted; }
    int skippedCount() const { return mSkipped; }
    /// The dialogs, once opened (null before).
    ShortcutSheet* shortcutSheet() const;
    ShortcutsDialog* shortcutsDialog() const;
    QDialog* instructionsDialog() const;
    /// The tile widget at index (0..8).
    TagTile* tile(int index) const;
    /// The window's action with this keymap id (classes: "class-<id>").
    QAction* keyAction(const QString& id) const { return mActions.value(id); }
    KeySettings& keySettings() { return *mKeys; }
    /// The box canvas page of an object detection project; null for classification (and
    /// until the project's definition is loaded).
    BoxLabelingPage* boxPage() const { return mBoxPage; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildUi();
    void begin();
    void startWith(const QString& name);
    void loadDefinition();
    void applyDefinition(const ProjectInfo& info, const std::vector<LabelClass>& classes);
    void bindKeys();
    void rebuildClassList();
    void topUp();
    void handIn(std::vector<SubmissionRequest> requests);
    void arrangeGrid();
    void refresh();
    void refreshTile(int index);
    void refreshStatus();
    void tileClicked(int index, Qt::KeyboardModifiers modifiers);
    void showMessage(const QString& message);
    void setCounts(const std::map<ItemStatus, std::int64_t>& counts);
    void releaseHeld();
    bool refuseWhilePaused();
    QString keyText(const QString& action) const;
    void createBoxPage();
    QStringList boundActions() const;

    ProjectSession& mSession;
    bool mInteractive = true;
    std::unique_ptr<KeySettings> mKeys;
    ImagePrefetcher* mPrefetcher = nullptr;

    TagPage mPage;
    QUndoStack mUndo; ///< tagging on the page on screen; cleared when it is handed in
    ProjectInfo mInfo;
    std::vector<LabelClass> mClasses;         ///< every class, archived ones too (for chips)
    QString mLabelerName;
    LabelerId mLabeler = 0;
    bool mReady = false;
    bool mQueueExhausted = false; ///< the last checkout got fewer items than asked
    bool mReleased = false;
    int mCheckoutInFlight = 0;
    int mPending = 0;
    int mPageNumber = 1;
    int mSubmitted = 0;
    int mSkipped = 0;
    std::int64_t mItemsLeft = 0;
    std::int64_t mItemsTotal = 0;
    std::map<ItemId, QString> mPaths;
    std::vector<ItemId> mTileItems; ///< item shown on each tile, to redo images only on change
    QString mLastMessage;

    QMap<QString, QAction*> mActions;
    std::vector<QAction*> mClassActions;
    QActionGroup* mLayoutGroup = nullptr;
    QListWidget* mClassList = nullptr;
    QStackedWidget* mStack = nullptr;
    QLabel* mPausedBanner = nullptr;
    QLabel* mMessagePage = nullptr;
    QGridLayout* mGrid = nullptr;
    std::vector<TagTile*> mTiles;
    QLabel* mStatusLabel = nullptr;
    QLabel* mCanvasStatus = nullptr;
    QLabel* mToolStatus = nullptr;
    BoxLabelingPage* mBoxPage = nullptr;
    std::vector<QAction*> mGridOnlyActions;
    QPointer<ShortcutSheet> mSheet;
    QPointer<ShortcutsDialog> mShortcutsDialog;
    QPointer<QDialog> mInstructions;
};

} // namespace pixmark
