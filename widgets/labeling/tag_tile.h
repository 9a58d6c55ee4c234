#pragma once
// One tile of the classification grid: the image scaled to fit, its index number, its
// tags as colored chips and a frame when selected. Shows; decides nothing.

#include <QColor>
#include <QImage>
#include <QPixmap>
#include <QString>
#include <QWidget>

#include <vector>

namespace pixmark {

/// A tag chip's text and color.
struct TagChip {
    QString name;
    QColor color;
};

/// Painted by hand (no child widgets) so that a page of nine redraws in one pass.
class TagTile : public QWidget {
    Q_OBJECT
public:
    explicit TagTile(int index, QWidget* parent = nullptr);

    int index() const { return mIndex; }
    /// The image to show, or a message ("Loading…", a decode error) when image is null.
    void setImage(const QImage& image, const QString& message = {});
    void setTags(const std::vector<TagChip>& tags);
    void setSelected(bool selected);
    bool isSelected() const { return mSelected; }
    const std::vector<TagChip>& tags() const { return mTags; }

signals:
    /// A mouse click, with the modifiers held (Ctrl toggles, Shift extends).
    void clicked(int index, Qt::KeyboardModifiers modifiers);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void rescale();

    int mIndex;
    QImage mImage;
    QPixmap mScaled; ///< mImage scaled to the tile, redone on resize only
    QString mMessage;
    std::vector<TagChip> mTags;
    bool mSelected = false;
};

} // namespace pixmark
