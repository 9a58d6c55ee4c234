#pragma once
// The list of the open item's shapes beside the canvas: class, visible, locked. Selecting
// a row selects the shape; the check boxes hide or lock it (view state, not undoable).

#include "widgets/canvas/shapes_layer.h"

#include <QPointer>
#include <QWidget>

class QTableWidget;

namespace pixmark {

class AnnotationDocument;

class ShapeListPanel : public QWidget {
    Q_OBJECT
public:
    explicit ShapeListPanel(const ShapesLayer& styles, QWidget* parent = nullptr);

    /// Follows document (not owned; null empties the list).
    void setDocument(AnnotationDocument* document);
    QTableWidget* table() const { return mTable; }

private:
    void rebuild();
    void showSelection();

    const ShapesLayer& mStyles;
    QPointer<AnnotationDocument> mDocument;
    QTableWidget* mTable;
    QMetaObject::Connection mConnection;
    bool mUpdating = false;
    bool mRebuildQueued = false;
};

} // namespace pixmark
