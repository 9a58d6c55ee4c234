#pragma once
// The drawing canvas of detection, instance and semantic segmentation: the image view
// with the mask layer (semantic), the shapes layer and the tools on top (box, select,
// polygon, brush, eraser, fill, magic wand, box to polygon; each page offers the ones its
// task type uses). Keeps no shapes or pixels of its own: it shows and edits the
// AnnotationDocument it is given. Keys handled here (the canvas has focus): arrows nudge
// the selected shape (Shift: 10 pixels), + / - zoom, Space pans, and while a polygon is
// drawn Enter closes it and Backspace drops its last vertex; the labeling window's actions
// call the public functions for the keymap's keys (R, P, B, E, V, T, [, ], Tab, H, Del,
// Ctrl+D, Esc, F, Ctrl+0, class keys).

#include "widgets/canvas/image_view.h"
#include "widgets/canvas/mask_layer.h"
#include "widgets/canvas/shapes_layer.h"
#include "widgets/tools/tool_context.h"

#include <QImage>
#include <QPointer>

#include <memory>
#include <optional>
#include <vector>

namespace pixmark {

class AbstractTool;
class AnnotationDocument;
class BoxTool;
struct ChangeEvent;

class BoxCanvas : public ImageView, public ToolContext {
    Q_OBJECT
public:
    explicit BoxCanvas(QWidget* parent = nullptr);
    ~BoxCanvas() override;

    /// The document shown and edited (not owned; null shows no shapes). Cancels any drawing.
    void setDocument(AnnotationDocument* document);
    AnnotationDocument* currentDocument() const { return mDocument; }
    ShapesLayer& shapesLayer() { return mLayer; }
    void setClasses(std::map<ClassId, ClassStyle> classes);

    /// Picks the tool by its keymap id ("tool-box", "tool-select", "tool-polygon",
    /// "tool-brush", "tool-eraser", "tool-fill", "tool-wand", "tool-grabcut"); unknown ids
    /// are ignored.
    void setTool(const QString& actionId);
    AbstractTool* tool() const { return mTool; }
    const BoxTool& boxTool() const;
    QString toolStatus() const;

    /// A class key: the selected shape takes the class; with none selected, the next box does.
    void applyClass(ClassId classId);
    void setNextClass(ClassId classId) { mNextClass = classId; }
    /// T: a box of the last box's size, centered on the cursor (or the view). False when no
    /// box was drawn yet.
    bool placeTemplateBox();
    /// Ctrl+D: a copy of the selected shape, 10 pixels down and right.
    void duplicateSelected();
    /// Del: removes the selected shape (not when locked).
    void deleteSelected();
    /// Arrow keys: moves the selected box by (dx, dy) image pixels (one undo step).
    void nudgeSelected(int dx, int dy);
    /// Tab: selects the next of the shapes under the cursor, smallest first.
    void cycleShapesUnderCursor();
    /// Esc: drops the box being drawn or undoes the drag in progress; else clears the selection.
    void cancel();
    /// [ and ]: the brush radius one step smaller or larger (1 to 200 pixels); with the
    /// magic wand, its tolerance (0 to 255).
    void changeBrushSize(int steps);
    void setBrushRadius(double radius);
    MaskLayer& maskLayer() { return mMaskLayer; }
    /// H: hides (or shows again) every shape.
    void setShapesHidden(bool hidden);
    bool shapesHidden() const { return mHidden; }
    void setShapesOpacity(double opacity);
    /// The cursor's last position over the canvas, in image pixels.
    std::optional<QPointF> cursorImagePoint() const { return mCursor; }

    // ToolContext
    AnnotationDocument& document() override { return *mDocument; }
    editing::BoxLimits limits() const override;
    double imagePixelsPerScreenPixel() const override { return 1.0 / scale(); }
    ClassId nextClass() const override { return mNextClass; }
    void rememberBoxSize(double width, double height) override;
    void toolUpdated() override;
    void toolMessage(const QString& text) override { emit message(text); }
    double brushRadius() const override { return mBrushRadius; }
    int wandTolerance() const override { return mWandTolerance; }
    editing::PixelView displayPixels() override;

signals:
    /// The tool's status line changed (drawing size, click-click prompt).
    void toolStatusChanged(const QString& text);
    /// A request the canvas refused, for the status bar ("Select a box first").
    void message(const QString& text);

protected:
    void paintOverlay(QPainter& painter) override;
    void imagePressed(const QPointF& imagePoint, QMouseEvent* event) override;
    void imageMoved(const QPointF& imagePoint, QMouseEvent* event) override;
    void imageReleased(const QPointF& imagePoint, QMouseEvent* event) override;
    void imageChanged() override;
    void frameChanged() override { mDisplayPixels = QImage(); }
    void keyPressEvent(QKeyEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;
    void leaveEvent(QEvent* event) override;
    bool focusNextPrevChild(bool next) override;

private:
    bool editable() const;
    void documentChanged(const ChangeEvent& event);

    QPointer<AnnotationDocument> mDocument;
    ShapesLayer mLayer;
    MaskLayer mMaskLayer;
    std::vector<std::unique_ptr<AbstractTool>> mTools; ///< every tool, the box tool first
    AbstractTool* mTool = nullptr;
    double mBrushRadius = 8;
    int mWandTolerance = 24;
    QImage mDisplayPixels; ///< the image as shown, for the assists; rendered on demand
    ClassId mNextClass = 0;
    std::optional<QSizeF> mLastBoxSize;
    std::optional<QPointF> mCursor;
    bool mHidden = false;
    QMetaObject::Connection mDocumentConnection;
};

} // namespace pixmark
