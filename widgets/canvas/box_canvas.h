#pragma once
// The box canvas of object detection: the image view with the shapes layer and the box
// and select tools on top. Keeps no shapes of its own: it shows and edits the
// AnnotationDocument it is given. Keys handled here (the canvas has focus): arrows nudge
// the selected box (Shift: 10 pixels), + / - zoom, Space pans; the labeling window's
// actions call the public functions for the keymap's keys (R, V, T, Tab, H, Del, Ctrl+D,
// Esc, F, Ctrl+0, class keys).

#include "widgets/canvas/image_view.h"
#include "widgets/canvas/shapes_layer.h"
#include "widgets/tools/tool_context.h"

#include <QPointer>

#include <memory>
#include <optional>

namespace pixmark {

class AbstractTool;
class AnnotationDocument;
class BoxTool;
class SelectTool;

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

    /// Picks the tool by its keymap id ("tool-box", "tool-select").
    void setTool(const QString& actionId);
    AbstractTool* tool() const { return mTool; }
    const BoxTool& boxTool() const { return *mBoxTool; }
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
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;
    bool focusNextPrevChild(bool next) override;

private:
    bool editable() const;

    QPointer<AnnotationDocument> mDocument;
    ShapesLayer mLayer;
    std::unique_ptr<BoxTool> mBoxTool;
    std::unique_ptr<SelectTool> mSelectTool;
    AbstractTool* mTool = nullptr;
    ClassId mNextClass = 0;
    std::optional<QSizeF> mLastBoxSize;
    std::optional<QPointF> mCursor;
    bool mHidden = false;
    QMetaObject::Connection mDocumentConnection;
};

} // namespace pixmark
