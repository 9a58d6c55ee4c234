#include "widgets/canvas/shape_list_panel.h"

#include "widgets/canvas/annotation_document.h"

#include <QHeaderView>
#include <algorithm>
#include <QLabel>
#include <QPainter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace pixmark {

namespace {
enum Column { ClassColumn, VisibleColumn, LockedColumn };
constexpr int kIdRole = Qt::UserRole;
// A list of thousands of rows helps no one and costs every edit a rebuild.
constexpr int kMaxRows = 2000;

QIcon swatch(const QColor& color)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(color);
    return QIcon(pixmap);
}
} // namespace

ShapeListPanel::ShapeListPanel(const ShapesLayer& styles, QWidget* parent)
    : QWidget(parent), mStyles(styles), mTable(new QTableWidget(this))
{
    setObjectName(QStringLiteral("shapeList"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* title = new QLabel(tr("Shapes"), this);
    title->setStyleSheet(QStringLiteral("font-weight: bold; padding: 4px;"));
    layout->addWidget(title);
    layout->addWidget(mTable, 1);
    mTable->setColumnCount(3);
    mTable->setHorizontalHeaderLabels({tr("Class"), tr("Visible"), tr("Locked")});
    mTable->verticalHeader()->hide();
    mTable->horizontalHeader()->setSectionResizeMode(ClassColumn, QHeaderView::Stretch);
    mTable->horizontalHeader()->setSectionResizeMode(VisibleColumn, QHeaderView::ResizeToContents);
    mTable->horizontalHeader()->setSectionResizeMode(LockedColumn, QHeaderView::ResizeToContents);
    mTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    mTable->setSelectionMode(QAbstractItemView::SingleSelection);
    mTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mTable->setWordWrap(false);
    mTable->verticalHeader()->setDefaultSectionSize(mTable->fontMetrics().height() + 8);
    // The window's keys (Del, Tab, arrows, class keys) work on the canvas, not on the list.
    mTable->setFocusPolicy(Qt::NoFocus);
    connect(mTable, &QTableWidget::itemSelectionChanged, this, [this] {
        if (mUpdating || !mDocument)
            return;
        const auto rows = mTable->selectionModel()->selectedRows();
        mDocument->select(rows.isEmpty() ? 0 : mTable->item(rows.front().row(), ClassColumn)->data(kIdRole).toLongLong());
    });
    connect(mTable, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (mUpdating || !mDocument || item->column() == ClassColumn)
            return;
        const ShapeId id = mTable->item(item->row(), ClassColumn)->data(kIdRole).toLongLong();
        const bool checked = item->checkState() == Qt::Checked;
        if (item->column() == VisibleColumn)
            mDocument->setVisible(id, checked);
        else
            mDocument->setLocked(id, checked);
    });
}

void ShapeListPanel::setDocument(AnnotationDocument* document)
{
    disconnect(mConnection);
    mDocument = document;
    if (mDocument)
        mConnection = connect(mDocument, &AnnotationDocument::changed, this, [this](const ChangeEvent& event) {
            if (event.kind == ChangeEvent::Kind::Selection) {
                showSelection();
            } else if (!mRebuildQueued) {
                // A drag changes the shapes at every mouse move: one rebuild per event loop turn.
                mRebuildQueued = true;
                QTimer::singleShot(0, this, [this] {
                    mRebuildQueued = false;
                    rebuild();
                });
            }
        });
    rebuild();
}

void ShapeListPanel::rebuild()
{
    mUpdating = true;
    mTable->setRowCount(0);
    if (mDocument) {
        const auto& shapes = mDocument->shapes();
        const int rows = std::min(static_cast<int>(shapes.size()), kMaxRows);
        mTable->setRowCount(rows);
        for (int row = 0; row < rows; ++row) {
            const Shape& shape = shapes[static_cast<std::size_t>(row)];
            const ClassStyle& style = mStyles.style(shape.classId);
            QString text = style.name;
            if (shape.predicted)
                text += shape.score ? tr(" · %1 %").arg(qRound(*shape.score * 100)) : tr(" · prelabel");
            else if (shape.origin == ShapeOrigin::PrelabelAccepted)
                text += tr(" · accepted");
            else if (shape.origin == ShapeOrigin::PrelabelEdited)
                text += tr(" · edited");
            auto* name = new QTableWidgetItem(swatch(style.color), text);
            name->setData(kIdRole, QVariant::fromValue<qint64>(shape.id));
            name->setToolTip(tr("%1%2 × %3 px at %4, %5")
                                 .arg(shape.predicted ? tr("Prelabel (not yet confirmed): ") : QString())
                                 .arg(shape.box.w)
                                 .arg(shape.box.h)
                                 .arg(shape.box.x)
                                 .arg(shape.box.y));
            mTable->setItem(row, ClassColumn, name);
            for (int column : {VisibleColumn, LockedColumn}) {
                auto* check = new QTableWidgetItem;
                check->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
                const bool on = column == VisibleColumn ? shape.visible : shape.locked;
                check->setCheckState(on ? Qt::Checked : Qt::Unchecked);
                mTable->setItem(row, column, check);
            }
        }
    }
    mUpdating = false;
    showSelection();
}

void ShapeListPanel::showSelection()
{
    mUpdating = true;
    mTable->clearSelection();
    if (mDocument && mDocument->selected() != 0)
        for (int row = 0; row < mTable->rowCount(); ++row)
            if (mTable->item(row, ClassColumn)->data(kIdRole).toLongLong() == mDocument->selected()) {
                mTable->selectRow(row);
                mTable->scrollToItem(mTable->item(row, ClassColumn));
                break;
            }
    mUpdating = false;
}

} // namespace pixmark
