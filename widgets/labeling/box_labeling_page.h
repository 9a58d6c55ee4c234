#pragma once
// The drawing task types in the labeling window: object detection (boxes), instance
// segmentation (polygons, with box-to-polygon and magic-wand assists) and semantic
// segmentation (masks: brush, eraser, fill, polygon fill, magic wand). One item at a time
// on the canvas, its shapes and pixels in an AnnotationDocument (undo per item), the shape
// list beside it, Submit makes the item's label durable through the session at once.
// Holds the item on screen and the next one, decoded in the background at full
// resolution, so Submit shows the next item without waiting.
//
// Previous items stay a key away: the items handed in this session (the last
// kBackItems) can be reopened with their current label (core's reopenSubmitted), looked
// at, corrected and handed in again as a correction (a new submission in the item's
// history). A reopened item sits in front of the held ones until the labeler goes
// forward again; the newest handed-in item stays decoded.

#include "core/model/label_class.h"
#include "core/model/labeling.h"
#include "core/model/task_type.h"

#include <QWidget>

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <vector>

class QAction;
class QComboBox;
class QLabel;
class QSlider;
class QToolBar;

namespace pixmark {

class AnnotationDocument;
class BoxCanvas;
class ImagePrefetcher;
class ProjectSession;
class ShapeListPanel;

class BoxLabelingPage : public QWidget {
    Q_OBJECT
public:
    /// session must outlive the page. taskType picks the tools and the label's kind
    /// (ObjectDetection, InstanceSegmentation or SemanticSegmentation; others are refused
    /// with std::invalid_argument).
    BoxLabelingPage(ProjectSession& session, TaskType taskType, QWidget* parent = nullptr);
    ~BoxLabelingPage() override;

    /// Dialogs (leaving an item with edits) are asked when interactive; otherwise
    /// leaveAnswer() decides (tests).
    void setInteractive(bool interactive) { mInteractive = interactive; }
    void setLeaveAnswer(bool discard) { mLeaveAnswer = discard; }

    /// Starts checking out items for labeler.
    void start(LabelerId labeler);
    /// The project's classes (archived ones are drawn but not offered); the first offered
    /// one is the next box's class until a class key says otherwise.
    void setClasses(const std::vector<LabelClass>& classes);

    // Actions ----------------------------------------------------------------------
    /// Items were added to the project: asks the queue again if it had run dry.
    void retryQueue();
    /// Submits the item on screen with its boxes (none is a valid answer: no objects).
    void submit();
    /// Skips the item on screen; asks first when it has unsubmitted edits. A reopened item
    /// is not skipped (it was handed in already): the labeler goes forward instead.
    void skip();
    /// Reopens the item handed in before the one on screen (the newest one from a queue
    /// item), with its current label; asks first when the item on screen has unsubmitted
    /// edits. Says so in message() when there is none or core refuses.
    void previousItem();
    /// From a reopened item: the one handed in after it, or back to the item being labeled.
    /// Asks first like previousItem().
    void nextItem();
    /// Polygon to mask and back (instance segmentation): the selected polygon becomes mask
    /// pixels of its class; with no polygon selected, the largest region of the next
    /// class's pixels (else of any class) becomes a polygon. One undo step each.
    void convertShape();
    /// Prelabels, one key each (detection and instance segmentation): accept the selected
    /// prelabel and select the next one (with none selected, select the first); accept every
    /// prelabel left; delete every prelabel left. One undo step each.
    void acceptPrelabel();
    void acceptAllPrelabels();
    void deletePrelabels();
    void undo();
    void redo();
    void applyClass(ClassId classId);
    /// Applies the window/level preset of the image on screen whose name starts with
    /// namePrefix ("Soft tissue"), as picking it in the toolbar does. False when the image
    /// has no such preset.
    bool applyWindowPreset(const QString& namePrefix);
    /// Multi-frame files (DICOM frames, TIFF pages): shows frame (0-based, clamped) of the
    /// item on screen, decoded in the background; zoom, pan and window stay, and so do the
    /// item's shapes (a label belongs to the item, not to one frame). PgDown / PgUp and the
    /// frame slider call it.
    void showFrame(int frame);
    /// The frame on screen and the item's frame count (1 for single images).
    int frame() const;
    int frameCount() const;
    TaskType taskType() const { return mTaskType; }
    /// The actions of the canvas (tools, template, delete, duplicate, zoom, hide, cycle,
    /// cancel, brush size), keyed by keymap id, for the window to bind keys to.
    const std::map<QString, QAction*>& canvasActions() const { return mActions; }

    // State ------------------------------------------------------------------------
    BoxCanvas* canvas() const { return mCanvas; }
    ShapeListPanel* shapeList() const { return mShapeList; }
    /// The document of the item on screen; null while none is shown.
    AnnotationDocument* document() const;
    /// The item on screen, 0 when none.
    ItemId currentItem() const;
    /// True when the item on screen has its image (or its error) and its document.
    bool itemShown() const;
    /// True when the image of every held item is decoded (the next one too).
    bool heldImagesReady() const;
    bool hasUnsubmittedEdits() const;
    /// True when the item on screen may be left: no unsubmitted edits, or the labeler (or
    /// setLeaveAnswer) agrees to lose them.
    bool confirmLeave();
    bool isFinished() const;
    int pendingRequests() const { return mPending; }
    int itemNumber() const { return mItemNumber; }
    /// How far back the item on screen is among those handed in this session (1: the
    /// newest); 0 when it is not a reopened one.
    int reopenedDepth() const;
    /// Items handed in this session that can be reopened, oldest first.
    const std::deque<ItemId>& handedIn() const { return mBack; }
    /// How many items of this session a labeler can go back to.
    static constexpr std::size_t kBackItems = 20;
    int submittedCount() const { return mSubmitted; }
    int skippedCount() const { return mSkipped; }
    /// Milliseconds from the last submit to the next item's image being set on the canvas
    /// (0 before the first submit); for the benchmark.
    double lastSwitchMs() const { return mLastSwitchMs; }

signals:
    /// Refusals, errors, results for the status bar.
    void message(const QString& text);
    /// The item counts after a checkout or submission (the window's status).
    void countsChanged(const std::map<pixmark::ItemStatus, std::int64_t>& counts);
    /// Pixel readout and tool state, for the status bar.
    void canvasStatusChanged(const QString& pixel, const QString& tool);
    void itemChanged();

private:
    struct Held;
    void buildUi();
    QAction* makeAction(const QString& id, const QString& text);
    void topUp();
    void showCurrent();
    void handIn(std::unique_ptr<Held> held, SubmissionRequest request);
    void reopen(ItemId id);
    void rememberHandedIn(ItemId id);
    void leaveReopened();
    void releaseImage(ItemId id);
    bool readyToLeave();
    /// The document on screen, ready for a one-key edit; null (with a message) while a
    /// shape is being drawn.
    AnnotationDocument* editableDocument();
    void takeQueuedStep();
    void buildDocument(Held& held, int width, int height);
    void refreshWindowPresets();
    void refreshFrameControls();
    void emitStatus();
    QString submittedText(const AnnotationDocument& document, bool correction) const;

    ProjectSession& mSession;
    TaskType mTaskType;
    AnnotationKind mKind; ///< what the task's labels and prelabels are
    ImagePrefetcher* mPrefetcher;
    BoxCanvas* mCanvas = nullptr;
    ShapeListPanel* mShapeList = nullptr;
    QToolBar* mToolbar = nullptr;
    QComboBox* mWindowPresets = nullptr;
    QSlider* mOpacity = nullptr;
    QSlider* mFrameSlider = nullptr;
    QLabel* mFrameLabel = nullptr;
    std::vector<QAction*> mFrameActions; ///< frame controls, shown for multi-frame files
    std::map<QString, QAction*> mActions;
    std::vector<QAction*> mWindowActions; ///< window/level controls, shown for 16-bit images
    std::vector<LabelClass> mClasses;
    std::deque<std::unique_ptr<Held>> mHeld; ///< a reopened item (at most one) comes first
    std::deque<ItemId> mBack;                 ///< handed in this session, oldest first
    bool mReopenInFlight = false;
    int mQueuedSteps = 0; ///< previous (-) / next (+) presses while an item was being reopened
    ItemId mShownImage = 0;
    LabelerId mLabeler = 0;
    bool mInteractive = true;
    bool mLeaveAnswer = false;
    bool mStarted = false;
    bool mQueueExhausted = false;
    int mCheckoutInFlight = 0;
    int mPending = 0;
    int mItemNumber = 1;
    int mSubmitted = 0;
    int mSkipped = 0;
    std::int64_t mSubmitAtNs = -1; ///< QElapsedTimer::nsecsElapsed() of the submit waiting to show the next item
    double mLastSwitchMs = 0;
};

} // namespace pixmark
