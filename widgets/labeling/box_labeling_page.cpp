#include "widgets/labeling/box_labeling_page.h"

#include "core/geometry/box.h"
#include "core/geometry/mask_rle.h"
#include "core/geometry/polygon.h"
#include "core/util/clock.h"
#include "widgets/canvas/annotation_document.h"
#include "widgets/canvas/box_canvas.h"
#include "widgets/canvas/shape_list_panel.h"
#include "widgets/labeling/box_labeling_page_p.h"
#include "widgets/labeling/image_prefetcher.h"
#include "widgets/session/project_session.h"
#include "widgets/tools/abstract_tool.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QMessageBox>
#include <QSlider>
#include <QSplitter>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace pixmark {

namespace {
AnnotationKind kindOf(TaskType taskType)
{
    switch (taskType) {
    case TaskType::ObjectDetection:
        return AnnotationKind::Box;
    case TaskType::InstanceSegmentation:
        return AnnotationKind::Polygon;
    case TaskType::SemanticSegmentation:
        return AnnotationKind::Mask;
    default:
        throw std::invalid_argument("The drawing canvas labels detection and segmentation projects only");
    }
}

// The item on screen plus the next one: Submit never waits for pixels.
constexpr int kHeldItems = 2;

QElapsedTimer& monotonic()
{
    static QElapsedTimer timer = [] {
        QElapsedTimer started;
        started.start();
        return started;
    }();
    return timer;
}

struct CheckedOut {
    ItemId id = 0;
    std::string path;
    std::vector<Suggestion> boxes;
};

struct BoxCheckout {
    std::vector<CheckedOut> items;
    std::map<ItemStatus, std::int64_t> counts;
};
} // namespace


BoxLabelingPage::BoxLabelingPage(ProjectSession& session, TaskType taskType, QWidget* parent)
    : QWidget(parent), mSession(session), mTaskType(taskType), mKind(kindOf(taskType)),
      mPrefetcher(new ImagePrefetcher(0, this))
{
    setObjectName(QStringLiteral("boxLabelingPage"));
    monotonic();
    buildUi();
    connect(mPrefetcher, &ImagePrefetcher::imageReady, this, [this](qint64 id) {
        if (mHeld.empty() || mHeld.front()->id != id)
            return;
        if (itemShown()) {
            // Another frame of the item on screen.
            if (const QString error = mPrefetcher->takeFrameError(id); !error.isEmpty())
                emit message(tr("Cannot show that frame: %1").arg(error));
            const auto pyramid = mPrefetcher->pyramid(id);
            if (pyramid && pyramid.get() != mCanvas->image()) {
                mCanvas->setFrameImage(pyramid);
                refreshFrameControls();
                emitStatus();
            }
            return;
        }
        showCurrent();
    });
}

BoxLabelingPage::~BoxLabelingPage()
{
    // The canvas and the list point at documents the held items own.
    mCanvas->setDocument(nullptr);
    mShapeList->setDocument(nullptr);
}

QAction* BoxLabelingPage::makeAction(const QString& id, const QString& text)
{
    auto* action = new QAction(text, this);
    action->setObjectName(id);
    action->setShortcutContext(Qt::WindowShortcut);
    mActions[id] = action;
    return action;
}

void BoxLabelingPage::buildUi()
{
    mCanvas = new BoxCanvas(this);
    mShapeList = new ShapeListPanel(mCanvas->shapesLayer(), this);
    mShapeList->setMinimumWidth(200);
    mShapeList->setMaximumWidth(320);
    mToolbar = new QToolBar(tr("Canvas"), this);
    mToolbar->setObjectName(QStringLiteral("canvasToolbar"));

    auto* tools = new QActionGroup(this);
    struct ToolEntry {
        const char* id;
        QString text;
        QString tip;
    };
    std::vector<ToolEntry> entries;
    switch (mTaskType) {
    case TaskType::InstanceSegmentation:
        entries = {{"tool-polygon", tr("Polygon"), tr("Click vertices; click the first one, double-click or Enter to close")},
                   {"tool-select", tr("Select"), tr("Select, move; drag vertices, click an edge to add one")},
                   {"tool-grabcut", tr("Box → polygon"), tr("Drag a box around an object: GrabCut outlines it")},
                   {"tool-wand", tr("Wand"), tr("Click a region of similar color: it becomes a polygon")}};
        break;
    case TaskType::SemanticSegmentation:
        entries = {{"tool-brush", tr("Brush"), tr("Paint the class; [ and ] change the size")},
                   {"tool-eraser", tr("Eraser"), tr("Erase any class; [ and ] change the size")},
                   {"tool-fill", tr("Fill"), tr("Fill the clicked region with the class")},
                   {"tool-polygon", tr("Polygon fill"), tr("Click vertices; closing fills the polygon with the class")},
                   {"tool-wand", tr("Wand"), tr("Fill a region of similar color with the class")}};
        break;
    default:
        entries = {{"tool-box", tr("Box"), tr("Draw boxes: drag, or click two corners")},
                   {"tool-select", tr("Select"), tr("Select, move and resize boxes")}};
        break;
    }
    bool first = true;
    for (const ToolEntry& entry : entries) {
        QAction* tool = makeAction(QString::fromLatin1(entry.id), entry.text);
        tool->setToolTip(entry.tip);
        tool->setCheckable(true);
        tools->addAction(tool);
        mToolbar->addAction(tool);
        connect(tool, &QAction::triggered, this, [this, tool] {
            mCanvas->setTool(tool->objectName());
            emitStatus();
        });
        if (first) {
            tool->setChecked(true);
            mCanvas->setTool(tool->objectName());
            first = false;
        }
    }
    if (mTaskType == TaskType::SemanticSegmentation) {
        connect(makeAction(QStringLiteral("brush-smaller"), tr("Smaller brush")), &QAction::triggered, this, [this] {
            mCanvas->changeBrushSize(-1);
            emitStatus();
        });
        connect(makeAction(QStringLiteral("brush-larger"), tr("Larger brush")), &QAction::triggered, this, [this] {
            mCanvas->changeBrushSize(1);
            emitStatus();
        });
    } else if (mTaskType == TaskType::InstanceSegmentation) {
        // [ and ] set the magic wand's tolerance here.
        connect(makeAction(QStringLiteral("brush-smaller"), tr("Lower wand tolerance")), &QAction::triggered, this,
                [this] {
                    mCanvas->changeBrushSize(-1);
                    emitStatus();
                });
        connect(makeAction(QStringLiteral("brush-larger"), tr("Higher wand tolerance")), &QAction::triggered, this,
                [this] {
                    mCanvas->changeBrushSize(1);
                    emitStatus();
                });
    }
    if (mTaskType == TaskType::InstanceSegmentation) {
        QAction* convert = makeAction(QStringLiteral("convert-mask"), tr("Polygon ↔ mask"));
        convert->setToolTip(tr("The selected polygon becomes a mask of its class; with none selected, the class's "
                               "mask becomes a polygon"));
        connect(convert, &QAction::triggered, this, &BoxLabelingPage::convertShape);
        mToolbar->addAction(convert);
    }
    mToolbar->addSeparator();
    QAction* previous = makeAction(QStringLiteral("previous"), tr("Previous item"));
    previous->setToolTip(tr("Reopen the item handed in before this one, to look at or correct it"));
    connect(previous, &QAction::triggered, this, &BoxLabelingPage::previousItem);
    QAction* next = makeAction(QStringLiteral("next"), tr("Next item"));
    next->setToolTip(tr("From a reopened item: the one handed in after it, then the item being labeled"));
    connect(next, &QAction::triggered, this, &BoxLabelingPage::nextItem);
    mToolbar->addAction(previous);
    mToolbar->addAction(next);
    mToolbar->addSeparator();
    // Mask prelabels are pixels, not shapes: they are accepted by submitting and edited with
    // the brush.
    if (mTaskType != TaskType::SemanticSegmentation) {
        QAction* accept = makeAction(QStringLiteral("accept-prelabel"), tr("Accept"));
        accept->setToolTip(tr("Accept the selected prelabel as it is and select the next one"));
        connect(accept, &QAction::triggered, this, &BoxLabelingPage::acceptPrelabel);
        QAction* acceptAll = makeAction(QStringLiteral("accept-all-prelabels"), tr("Accept all"));
        acceptAll->setToolTip(tr("Accept every prelabel left (Submit accepts them too)"));
        connect(acceptAll, &QAction::triggered, this, &BoxLabelingPage::acceptAllPrelabels);
        QAction* reject = makeAction(QStringLiteral("delete-prelabels"), tr("Delete prelabels"));
        reject->setToolTip(tr("Delete every prelabel not accepted or edited yet"));
        connect(reject, &QAction::triggered, this, &BoxLabelingPage::deletePrelabels);
        for (QAction* action : {accept, acceptAll, reject})
            mToolbar->addAction(action);
        mToolbar->addSeparator();
    }
    // The template box (T) makes boxes: detection only.
    if (mTaskType == TaskType::ObjectDetection)
        connect(makeAction(QStringLiteral("tool-template-box"), tr("Template")), &QAction::triggered, mCanvas,
                &BoxCanvas::placeTemplateBox);
    connect(makeAction(QStringLiteral("delete-shape"), tr("Delete")), &QAction::triggered, mCanvas,
            &BoxCanvas::deleteSelected);
    connect(makeAction(QStringLiteral("duplicate-shape"), tr("Duplicate")), &QAction::triggered, mCanvas,
            &BoxCanvas::duplicateSelected);
    connect(makeAction(QStringLiteral("cycle-shapes"), tr("Cycle overlapping shapes")), &QAction::triggered, mCanvas,
            &BoxCanvas::cycleShapesUnderCursor);
    connect(makeAction(QStringLiteral("cancel"), tr("Cancel drawing")), &QAction::triggered, mCanvas,
            &BoxCanvas::cancel);
    QAction* fit = makeAction(QStringLiteral("zoom-fit"), tr("Fit"));
    connect(fit, &QAction::triggered, mCanvas, &ImageView::fitToWindow);
    QAction* actual = makeAction(QStringLiteral("zoom-100"), tr("100 %"));
    connect(actual, &QAction::triggered, mCanvas, &ImageView::zoomTo100);
    QAction* hide = makeAction(QStringLiteral("hide-shapes"), tr("Hide"));
    hide->setToolTip(tr("Hide every shape (H)"));
    hide->setCheckable(true);
    connect(hide, &QAction::toggled, mCanvas, &BoxCanvas::setShapesHidden);
    if (mTaskType == TaskType::ObjectDetection)
        mToolbar->addAction(mActions[QStringLiteral("tool-template-box")]);
    // Masks have no shapes to delete or duplicate.
    if (mTaskType != TaskType::SemanticSegmentation)
        for (QAction* action : {mActions[QStringLiteral("delete-shape")], mActions[QStringLiteral("duplicate-shape")]})
            mToolbar->addAction(action);
    for (QAction* action : {fit, actual, hide})
        mToolbar->addAction(action);

    mToolbar->addSeparator();
    mToolbar->addWidget(new QLabel(tr(" Opacity "), mToolbar));
    mOpacity = new QSlider(Qt::Horizontal, mToolbar);
    mOpacity->setObjectName(QStringLiteral("shapeOpacity"));
    mOpacity->setRange(10, 100);
    mOpacity->setValue(mTaskType == TaskType::SemanticSegmentation ? 55 : 100);
    mOpacity->setMaximumWidth(100);
    mOpacity->setFocusPolicy(Qt::NoFocus);
    connect(mOpacity, &QSlider::valueChanged, this, [this](int value) {
        mCanvas->setShapesOpacity(value / 100.0);
        // Polygons converted to masks show through, like a shape's fill.
        mCanvas->maskLayer().setOpacity(value / 100.0 * (mTaskType == TaskType::SemanticSegmentation ? 1.0 : 0.45));
        mCanvas->update();
    });
    mCanvas->maskLayer().setOpacity(mTaskType == TaskType::SemanticSegmentation ? 0.55 : 0.45);
    mToolbar->addWidget(mOpacity);

    // Frames: only for multi-frame files.
    mFrameActions.push_back(mToolbar->addSeparator());
    mFrameLabel = new QLabel(mToolbar);
    mFrameLabel->setObjectName(QStringLiteral("frameLabel"));
    mFrameActions.push_back(mToolbar->addWidget(mFrameLabel));
    mFrameSlider = new QSlider(Qt::Horizontal, mToolbar);
    mFrameSlider->setObjectName(QStringLiteral("frameSlider"));
    mFrameSlider->setMaximumWidth(140);
    mFrameSlider->setFocusPolicy(Qt::NoFocus);
    mFrameSlider->setToolTip(tr("Frame of a multi-frame file (PgUp / PgDown)"));
    connect(mFrameSlider, &QSlider::valueChanged, this, [this](int value) {
        if (value != frame())
            showFrame(value);
    });
    mFrameActions.push_back(mToolbar->addWidget(mFrameSlider));
    connect(makeAction(QStringLiteral("frame-next"), tr("Next frame")), &QAction::triggered, this,
            [this] { showFrame(frame() + 1); });
    connect(makeAction(QStringLiteral("frame-previous"), tr("Previous frame")), &QAction::triggered, this,
            [this] { showFrame(frame() - 1); });

    // Window/level: only for 16-bit and DICOM images, where contrast is a choice.
    mWindowActions.push_back(mToolbar->addSeparator());
    mWindowActions.push_back(mToolbar->addWidget(new QLabel(tr(" Window "), mToolbar)));
    mWindowPresets = new QComboBox(mToolbar);
    mWindowPresets->setObjectName(QStringLiteral("windowPresets"));
    mWindowPresets->setFocusPolicy(Qt::NoFocus);
    mWindowPresets->setToolTip(tr("Window/level presets; right-drag on the image adjusts them"));
    mWindowPresets->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(mWindowPresets, &QComboBox::activated, this, [this](int index) {
        const QVariant preset = mWindowPresets->itemData(index);
        if (!mCanvas->image() || !preset.isValid())
            return;
        const QList<QVariant> values = preset.toList();
        mCanvas->setWindowLevel(WindowLevel{values.value(0).toDouble(), values.value(1).toDouble(),
                                            mCanvas->windowLevel().invert});
    });
    mWindowActions.push_back(mToolbar->addWidget(mWindowPresets));
    QAction* reset = mToolbar->addAction(tr("Reset"));
    mWindowActions.push_back(reset);
    reset->setObjectName(QStringLiteral("windowReset"));
    connect(reset, &QAction::triggered, mCanvas, &ImageView::resetWindowLevel);
    QAction* invert = mToolbar->addAction(tr("Invert"));
    mWindowActions.push_back(invert);
    invert->setObjectName(QStringLiteral("windowInvert"));
    connect(invert, &QAction::triggered, this, [this] { mCanvas->setInverted(!mCanvas->windowLevel().invert); });

    auto* splitter = new QSplitter(this);
    splitter->addWidget(mCanvas);
    splitter->addWidget(mShapeList);
    mShapeList->setVisible(mTaskType != TaskType::SemanticSegmentation);
    splitter->setStretchFactor(0, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(mToolbar);
    layout->addWidget(splitter, 1);

    connect(mCanvas, &BoxCanvas::message, this, &BoxLabelingPage::message);
    connect(mCanvas, &BoxCanvas::toolStatusChanged, this, &BoxLabelingPage::emitStatus);
    connect(mCanvas, &ImageView::hoverTextChanged, this, &BoxLabelingPage::emitStatus);
    connect(mCanvas, &ImageView::windowLevelChanged, this, &BoxLabelingPage::emitStatus);
}

void BoxLabelingPage::setClasses(const std::vector<LabelClass>& classes)
{
    mClasses = classes;
    std::map<ClassId, ClassStyle> styles;
    ClassId first = 0;
    bool nextStillOffered = false;
    for (const LabelClass& labelClass : classes) {
        styles[labelClass.id] = ClassStyle{QString::fromStdString(labelClass.name),
                                           QColor(QString::fromStdString(labelClass.color))};
        if (!labelClass.archived) {
            if (first == 0)
                first = labelClass.id;
            if (labelClass.id == mCanvas->nextClass())
                nextStillOffered = true;
        }
    }
    mCanvas->setClasses(std::move(styles));
    if (!nextStillOffered)
        mCanvas->setNextClass(first);
}

void BoxLabelingPage::start(LabelerId labeler)
{
    mLabeler = labeler;
    mStarted = true;
    topUp();
    showCurrent();
}

void BoxLabelingPage::retryQueue()
{
    if (!mQueueExhausted)
        return;
    mQueueExhausted = false;
    topUp();
}

AnnotationDocument* BoxLabelingPage::document() const
{
    return mHeld.empty() ? nullptr : mHeld.front()->document.get();
}

ItemId BoxLabelingPage::currentItem() const
{
    return mHeld.empty() ? 0 : mHeld.front()->id;
}

bool BoxLabelingPage::itemShown() const
{
    return !mHeld.empty() && mShownImage == mHeld.front()->id;
}

bool BoxLabelingPage::heldImagesReady() const
{
    return std::all_of(mHeld.begin(), mHeld.end(), [this](const auto& held) { return mPrefetcher->isReady(held->id); });
}

bool BoxLabelingPage::hasUnsubmittedEdits() const
{
    return document() && document()->isModified();
}

bool BoxLabelingPage::isFinished() const
{
    return mStarted && mHeld.empty() && mQueueExhausted && mCheckoutInFlight == 0;
}

void BoxLabelingPage::topUp()
{
    if (!mStarted || mQueueExhausted)
        return;
    const int want = kHeldItems - static_cast<int>(mHeld.size()) - mCheckoutInFlight;
    if (want <= 0)
        return;
    mCheckoutInFlight += want;
    ++mPending;
    const LabelerId labeler = mLabeler;
    mSession.run(
        this,
        [labeler, want, kind = mKind](Project& project) {
            BoxCheckout checkout;
            for (const Item& item : project.nextTask(labeler, want).items) {
                CheckedOut out{item.id, project.absolutePath(item.relativePath).string(), {}};
                for (const Suggestion& suggestion : project.suggestions(item.id))
                    if (suggestion.annotation.kind == kind)
                        out.boxes.push_back(suggestion);
                checkout.items.push_back(std::move(out));
            }
            checkout.counts = project.itemCounts();
            return checkout;
        },
        [this, want](BoxCheckout checkout) {
            --mPending;
            mCheckoutInFlight -= want;
            if (static_cast<int>(checkout.items.size()) < want)
                mQueueExhausted = true;
            for (CheckedOut& item : checkout.items) {
                auto held = std::make_unique<Held>();
                held->id = item.id;
                held->path = QString::fromStdString(item.path);
                held->boxes = std::move(item.boxes);
                mPrefetcher->requestPyramid(held->id, held->path);
                mHeld.push_back(std::move(held));
            }
            emit countsChanged(checkout.counts);
            showCurrent();
        },
        [this, want](const QString& text) {
            --mPending;
            mCheckoutInFlight -= want;
            emit message(text);
            showCurrent();
        },
        ProjectChange::Labels);
}

void BoxLabelingPage::showCurrent()
{
    if (mHeld.empty()) {
        mShownImage = 0;
        for (QAction* action : mFrameActions)
            action->setVisible(false);
        mCanvas->setDocument(nullptr);
        mShapeList->setDocument(nullptr);
        mCanvas->setImage(nullptr, isFinished() ? tr("Nothing left to label.\nYou submitted %1 and skipped %2 item(s).")
                                                      .arg(mSubmitted)
                                                      .arg(mSkipped)
                                                : tr("Loading…"));
        emit itemChanged();
        return;
    }
    Held& held = *mHeld.front();
    if (mShownImage == held.id)
        return;
    if (!mPrefetcher->isReady(held.id)) {
        mCanvas->setDocument(nullptr);
        mShapeList->setDocument(nullptr);
        mCanvas->setImage(nullptr, tr("Loading…"));
        return;
    }
    const auto pyramid = mPrefetcher->pyramid(held.id);
    if (!pyramid) {
        mShownImage = held.id;
        mCanvas->setDocument(nullptr);
        mShapeList->setDocument(nullptr);
        mCanvas->setImage(nullptr, tr("Cannot show this image: %1\nSkip it with S.").arg(mPrefetcher->error(held.id)));
        emit itemChanged();
        return;
    }
    if (!held.document)
        buildDocument(held, pyramid->width(), pyramid->height());
    if (held.shownAtMs == 0)
        held.shownAtMs = nowMs();
    mShownImage = held.id;
    mCanvas->setDocument(held.document.get());
    mCanvas->setImage(pyramid);
    mShapeList->setDocument(held.document.get());
    refreshWindowPresets();
    refreshFrameControls();
    if (mSubmitAtNs >= 0) {
        mLastSwitchMs = static_cast<double>(monotonic().nsecsElapsed() - mSubmitAtNs) / 1e6;
        mSubmitAtNs = -1;
    }
    emit itemChanged();
    emitStatus();
}

void BoxLabelingPage::buildDocument(Held& held, int width, int height)
{
    // Prelabels come in as predicted shapes, a reopened item's own label as plain ones.
    std::vector<Annotation> initial = held.submitted;
    if (!held.reopened)
        for (const Suggestion& suggestion : held.boxes)
            initial.push_back(suggestion.annotation);
    std::vector<Shape> shapes;
    std::vector<std::pair<ClassId, MaskRle>> masks;
    std::map<ClassId, ShapeOrigin> maskOrigins;
    for (const Annotation& annotation : initial) {
        try {
            if (annotation.kind == AnnotationKind::Mask) {
                masks.emplace_back(annotation.classId, parseMask(annotation.geometry));
                maskOrigins[annotation.classId] = held.reopened ? annotation.origin : ShapeOrigin::PrelabelAccepted;
                continue;
            }
            Shape shape;
            shape.classId = annotation.classId;
            if (annotation.kind == AnnotationKind::Polygon)
                shape.polygon = parsePolygon(annotation.geometry);
            else
                shape.box = parseBox(annotation.geometry);
            shape.predicted = !held.reopened;
            shape.origin = annotation.origin; // the document marks prelabels
            shape.score = annotation.score;
            shapes.push_back(shape);
        } catch (const std::exception& error) {
            emit message(tr("A shape of this item cannot be read and is left out: %1").arg(QString::fromStdString(error.what())));
        }
    }
    held.document = std::make_unique<AnnotationDocument>(width, height, std::move(shapes));
    if (mKind == AnnotationKind::Box)
        return;
    // Instance segmentation keeps a label map too: for polygons converted to masks.
    const bool paint = mKind == AnnotationKind::Mask;
    try {
        held.document->enableLabelMap(masks, paint, maskOrigins);
    } catch (const std::exception& error) {
        emit message(tr("The masks of this item cannot be used: %1").arg(QString::fromStdString(error.what())));
        held.document->enableLabelMap({}, paint);
    }
}

int BoxLabelingPage::frame() const
{
    return itemShown() && mCanvas->image() ? mCanvas->image()->frame() : 0;
}

int BoxLabelingPage::frameCount() const
{
    return itemShown() && mCanvas->image() ? mCanvas->image()->frameCount() : 1;
}

void BoxLabelingPage::showFrame(int frame)
{
    if (!itemShown() || !mCanvas->image() || frameCount() <= 1)
        return;
    frame = std::clamp(frame, 0, frameCount() - 1);
    if (frame == this->frame())
        return;
    mPrefetcher->requestFrame(mHeld.front()->id, mHeld.front()->path, frame);
}

void BoxLabelingPage::refreshFrameControls()
{
    const int count = frameCount();
    for (QAction* action : mFrameActions)
        action->setVisible(count > 1);
    const QSignalBlocker blocker(mFrameSlider);
    mFrameSlider->setRange(0, count - 1);
    mFrameSlider->setValue(frame());
    mFrameLabel->setText(tr(" Frame %1 / %2 ").arg(frame() + 1).arg(count));
}

void BoxLabelingPage::refreshWindowPresets()
{
    mWindowPresets->clear();
    const ImagePyramid* image = mCanvas->image();
    for (QAction* action : mWindowActions)
        action->setVisible(image && image->bitDepth() == 16);
    if (!image)
        return;
    const WindowLevel initial = image->defaultWindow();
    mWindowPresets->addItem(tr("Default (%1 / %2)").arg(initial.center).arg(initial.width),
                            QVariantList{initial.center, initial.width});
    for (const auto& [name, window] : image->windowPresets())
        mWindowPresets->addItem(name, QVariantList{window.center, window.width});
}

bool BoxLabelingPage::applyWindowPreset(const QString& namePrefix)
{
    for (int index = 0; index < mWindowPresets->count(); ++index)
        if (mWindowPresets->itemText(index).startsWith(namePrefix)) {
            mWindowPresets->setCurrentIndex(index);
            emit mWindowPresets->activated(index);
            return true;
        }
    return false;
}

void BoxLabelingPage::emitStatus()
{
    QString pixel = mCanvas->hoverText();
    if (const ImagePyramid* image = mCanvas->image(); image && image->bitDepth() == 16) {
        const WindowLevel& window = mCanvas->windowLevel();
        // In the file's units (Hounsfield for CT), as the presets are named.
        const double width = window.width * std::abs(image->rescaled(1) - image->rescaled(0));
        pixel += tr("   W %1  L %2%3")
                     .arg(qRound(width))
                     .arg(qRound(image->rescaled(window.center)))
                     .arg(window.invert ? tr("  inverted") : QString());
    }
    emit canvasStatusChanged(pixel, mCanvas->toolStatus());
}

bool BoxLabelingPage::confirmLeave()
{
    if (!hasUnsubmittedEdits())
        return true;
    if (!mInteractive) {
        if (!mLeaveAnswer)
            emit message(tr("Not left: this item has edits that are not submitted."));
        return mLeaveAnswer;
    }
    return QMessageBox::question(this, tr("Unsubmitted edits"),
                                 tr("This item has edits that are not submitted. Leave it and lose them?"),
                                 QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel) == QMessageBox::Discard;
}

void BoxLabelingPage::submit()
{
    if (mHeld.empty() || mShownImage != mHeld.front()->id)
        return;
    // Enter while a polygon is drawn closes it (when the window's shortcut got the key).
    if (mCanvas->tool()->takesKey(Qt::Key_Return)) {
        mCanvas->tool()->keyPressed(Qt::Key_Return, Qt::NoModifier);
        return;
    }
    if (mCanvas->tool()->isBusy()) {
        emit message(tr("Finish or cancel (Esc) the shape being drawn first."));
        return;
    }
    if (!mHeld.front()->document) {
        emit message(tr("This image cannot be shown, so it cannot be labeled: skip it with S."));
        return;
    }
    if (mReopenInFlight)
        return;
    std::unique_ptr<Held> held = std::move(mHeld.front());
    mHeld.pop_front();
    SubmissionRequest request;
    request.itemId = held->id;
    request.labelerId = mLabeler;
    request.durationMs = std::max<std::int64_t>(0, nowMs() - held->shownAtMs);
    request.annotations = held->document->annotations();
    if (held->reopened) {
        // A correction: back to the item being labeled. Handed in only when changed, so
        // that looking back leaves no trace in the item's history.
        mShownImage = 0;
        showCurrent();
        if (!held->document->isModified()) {
            releaseImage(held->id);
            emit message(tr("Unchanged: the item keeps its label."));
            return;
        }
        handIn(std::move(held), std::move(request));
        return;
    }
    if (held->document->hadPrelabels()) {
        // Nothing of the prelabels kept: rejected, the label is the labeler's own (still
        // tied to the prediction it replaced).
        const bool kept = std::any_of(request.annotations.begin(), request.annotations.end(),
                                      [](const Annotation& a) { return a.origin != ShapeOrigin::Drawn; });
        request.origin = held->document->prelabelsUntouched() ? SubmissionOrigin::PrelabelAccepted
                         : kept                               ? SubmissionOrigin::PrelabelEdited
                                                              : SubmissionOrigin::Manual;
        request.predictionId = held->boxes.front().id;
    }
    mSubmitAtNs = monotonic().nsecsElapsed();
    ++mItemNumber;
    rememberHandedIn(held->id);
    showCurrent(); // the next item, already decoded
    handIn(std::move(held), std::move(request));
    topUp();
}

void BoxLabelingPage::skip()
{
    if (mHeld.empty() || mShownImage != mHeld.front()->id || mReopenInFlight)
        return;
    if (mHeld.front()->reopened) {
        emit message(tr("This item was handed in already: correct it and submit, or go on to the next item."));
        return;
    }
    if (!confirmLeave())
        return;
    std::unique_ptr<Held> held = std::move(mHeld.front());
    mHeld.pop_front();
    SubmissionRequest request;
    request.itemId = held->id;
    request.labelerId = mLabeler;
    request.durationMs = held->shownAtMs ? std::max<std::int64_t>(0, nowMs() - held->shownAtMs) : 0;
    request.skipped = true;
    ++mItemNumber;
    rememberHandedIn(held->id);
    showCurrent();
    handIn(std::move(held), std::move(request));
    topUp();
}

QString BoxLabelingPage::submittedText(const AnnotationDocument& document, bool correction) const
{
    const QString done = correction ? tr("Corrected") : tr("Submitted");
    switch (mKind) {
    case AnnotationKind::Polygon:
        return tr("%1: %2 polygon(s).").arg(done).arg(document.shapes().size());
    case AnnotationKind::Mask:
        return tr("%1: a mask of %2 class(es), %3 labeled pixels.")
            .arg(done)
            .arg(document.labelMap() ? document.labelMap()->classes().size() : 0)
            .arg(document.labelMap() ? document.labelMap()->labeledCount() : 0);
    default:
        return tr("%1: %2 box(es).").arg(done).arg(document.shapes().size());
    }
}

void BoxLabelingPage::handIn(std::unique_ptr<Held> held, SubmissionRequest request)
{
    ++mPending;
    const bool correction = held->reopened;
    // The held item waits here until core answers: refused, it comes back to the screen.
    auto keep = std::make_shared<std::unique_ptr<Held>>(std::move(held));
    mSession.run(
        this,
        [request, correction](Project& project) {
            correction ? project.submitCorrection(request) : project.submit(request);
            return project.itemCounts();
        },
        [this, keep, correction, skipped = request.skipped](std::map<ItemStatus, std::int64_t> counts) {
            --mPending;
            if (!correction)
                ++(skipped ? mSkipped : mSubmitted);
            releaseImage((*keep)->id);
            emit message(skipped ? tr("Skipped.") : submittedText(*(*keep)->document, correction));
            emit countsChanged(counts);
            if (mHeld.empty())
                showCurrent(); // maybe "Nothing left to label"
        },
        [this, keep, correction](const QString& text) {
            --mPending;
            if (!correction) {
                --mItemNumber;
                std::erase(mBack, (*keep)->id);
            }
            // Back on screen, unless the labeler reopened another item meanwhile: then
            // right behind it (a reopened item always comes first).
            const bool behind = !mHeld.empty() && mHeld.front()->reopened;
            if (behind && correction) {
                emit message(tr("Not corrected: %1").arg(text));
                return;
            }
            mHeld.insert(mHeld.begin() + (behind ? 1 : 0), std::move(*keep));
            if (!behind) {
                mShownImage = 0;
                showCurrent();
            }
            emit message((correction ? tr("Not corrected: %1") : tr("Not submitted: %1")).arg(text));
        },
        ProjectChange::Labels);
}

AnnotationDocument* BoxLabelingPage::editableDocument()
{
    AnnotationDocument* current = document();
    if (!current || !itemShown())
        return nullptr;
    if (mCanvas->tool()->isBusy()) {
        emit message(tr("Finish or cancel (Esc) the shape being drawn first."));
        return nullptr;
    }
    return current;
}

void BoxLabelingPage::acceptPrelabel()
{
    AnnotationDocument* current = editableDocument();
    if (!current)
        return;
    std::vector<ShapeId> pending = current->pendingPrelabels();
    if (pending.empty()) {
        emit message(tr("No prelabel left to accept."));
        return;
    }
    const Shape* selected = current->shape(current->selected());
    if (!selected || !selected->predicted) {
        current->select(pending.front());
        emit message(tr("%n prelabel(s) to confirm: the selected one is accepted with the same key, deleted with Del.",
                        nullptr, static_cast<int>(pending.size())));
        return;
    }
    // The next one in drawing order after this one, wrapping around.
    const auto at = std::find(pending.begin(), pending.end(), selected->id);
    const ShapeId accepted = *at;
    const ShapeId next = pending.size() > 1 ? (at + 1 != pending.end() ? *(at + 1) : pending.front()) : 0;
    current->acceptPrelabels({accepted});
    if (next != 0)
        current->select(next);
    emit message(next != 0 ? tr("Accepted; %n prelabel(s) left to confirm.", nullptr, static_cast<int>(pending.size()) - 1)
                           : tr("Accepted; every prelabel is confirmed."));
}

void BoxLabelingPage::acceptAllPrelabels()
{
    if (AnnotationDocument* current = editableDocument()) {
        const int count = current->acceptPrelabels(current->pendingPrelabels());
        emit message(count > 0 ? tr("Accepted %n prelabel(s).", nullptr, count) : tr("No prelabel left to accept."));
    }
}

void BoxLabelingPage::deletePrelabels()
{
    if (AnnotationDocument* current = editableDocument()) {
        const std::vector<ShapeId> pending = current->pendingPrelabels();
        const std::size_t before = current->shapes().size();
        current->removeShapes(pending);
        const int count = static_cast<int>(before - current->shapes().size());
        emit message(pending.empty() ? tr("No prelabel left to delete.")
                     : count == static_cast<int>(pending.size())
                         ? tr("Deleted %n prelabel(s).", nullptr, count)
                         : tr("Deleted %1 of %2 prelabels: locked ones stay.").arg(count).arg(pending.size()));
    }
}

void BoxLabelingPage::convertShape()
{
    AnnotationDocument* current = editableDocument();
    if (!current || !current->labelMap() || current->paintsMasks())
        return;
    if (const Shape* selected = current->shape(current->selected()); selected && selected->isPolygon()) {
        emit message(current->convertPolygonToMask(selected->id)
                         ? tr("The polygon is a mask now; the same key turns the mask back into a polygon.")
                         : tr("Not converted: the polygon is locked or covers no pixel center."));
        return;
    }
    // With nothing selected: the next class's mask, else the first class that has one.
    const std::vector<ClassId> masked = current->labelMap()->classes();
    if (masked.empty()) {
        emit message(tr("Select a polygon to turn it into a mask; there is no mask to turn into a polygon."));
        return;
    }
    const bool nextHasMask = std::find(masked.begin(), masked.end(), mCanvas->nextClass()) != masked.end();
    const ClassId classId = nextHasMask ? mCanvas->nextClass() : masked.front();
    emit message(current->convertMaskToPolygon(classId) != 0
                     ? tr("The mask's largest region is a polygon now.")
                     : tr("Not converted: the mask has no region a polygon can outline."));
}

void BoxLabelingPage::undo()
{
    if (AnnotationDocument* current = document(); current && !mCanvas->tool()->isBusy())
        current->undo();
}

void BoxLabelingPage::redo()
{
    if (AnnotationDocument* current = document(); current && !mCanvas->tool()->isBusy())
        current->undoStack().redo();
}

void BoxLabelingPage::applyClass(ClassId classId)
{
    mCanvas->applyClass(classId);
}

} // namespace pixmark
