#pragma once
// The right-hand side of the home window: what a project is (name, task type, state),
// what the labelers are told (instructions), how far it is (item counts) and which
// classes it has. Read-only; it displays a ProjectSummary and never opens a project.

#include "core/model/labeling.h"

#include <QColor>
#include <QString>
#include <QWidget>

#include <map>
#include <vector>

class QFrame;
class QGridLayout;
class QLabel;
class QScrollArea;
class QStackedWidget;
class QTableWidget;
class QTextBrowser;

namespace pixmark {

struct ProjectSummary;

/// Shows one project's summary, a placeholder when there is none, and an error banner
/// when opening failed. Child widgets are owned by Qt's parent chain.
class ProjectSummaryPanel : public QWidget {
    Q_OBJECT
public:
    explicit ProjectSummaryPanel(QWidget* parent = nullptr);

    /// Replaces whatever is shown with this project's summary and hides the error.
    void showSummary(const ProjectSummary& summary);
    /// Shows the error banner with message and the empty placeholder (the previous
    /// project's summary is cleared, so it cannot be mistaken for the failed one).
    void showError(const QString& message);
    /// Back to the placeholder, no error.
    void clear();

    // What is on screen, for tests and for the window title ---------------------------
    /// True while a project's summary (not the placeholder) is shown.
    bool hasProject() const;
    QString projectName() const;
    /// Task type as shown ("Object detection (boxes)").
    QString taskTypeText() const;
    /// "Running" or "Paused".
    QString stateText() const;
    QString instructionsText() const;
    /// The instructions link, empty when the project has none.
    QString instructionsUrl() const;
    /// The count shown for a status, as displayed ("1,204").
    QString itemCountText(ItemStatus status) const;
    /// The total shown over every status, as displayed.
    QString totalItemsText() const;
    /// The banner's text; empty when no error is shown.
    QString errorText() const;

    /// Rows of the class table, archived classes included, in project order.
    int classRowCount() const;
    /// The class name in a row (without the "archived" note).
    QString classNameAt(int row) const;
    /// The hotkey shown in a row, empty when the class has none.
    QString classHotkeyAt(int row) const;
    QString classDescriptionAt(int row) const;
    QColor classColorAt(int row) const;
    /// True when the row shows an archived (greyed) class.
    bool isClassArchivedAt(int row) const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    QWidget* createSummaryPage();
    QWidget* createPlaceholderPage();
    QFrame* createCountTile(const QString& caption, QLabel** valueLabel);
    void fillClasses(const ProjectSummary& summary);
    void fitInstructionsHeight();
    /// Lays the count tiles out in rows of columns (a no-op when already so).
    void arrangeCountTiles(int columns);

    QLabel* mErrorLabel = nullptr;
    QStackedWidget* mPages = nullptr;
    QWidget* mPlaceholderPage = nullptr;
    QWidget* mSummaryPage = nullptr;
    QScrollArea* mSummaryScroll = nullptr;
    QLabel* mNameLabel = nullptr;
    QLabel* mTaskTypeLabel = nullptr;
    QLabel* mStateLabel = nullptr;
    QLabel* mLocationLabel = nullptr;
    QLabel* mDatesLabel = nullptr;
    QLabel* mTotalLabel = nullptr;
    std::map<ItemStatus, QLabel*> mCountLabels;
    QGridLayout* mCountsGrid = nullptr;
    std::vector<QFrame*> mCountTiles; ///< total first, then one per status
    int mCountColumns = 0;
    QLabel* mNoItemsLabel = nullptr;
    QTextBrowser* mInstructionsView = nullptr;
    QLabel* mUrlLabel = nullptr;
    QString mUrl;
    QLabel* mClassesTitle = nullptr;
    QLabel* mNoClassesLabel = nullptr;
    QTableWidget* mClassTable = nullptr;
};

} // namespace pixmark
