#pragma once
// The Dashboard tab: progress, label and labeler distribution, throughput over
// time, queue composition and ML assist's runs, live while people label and ingest runs.

#include "core/model/dashboard.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;

namespace pixmark {

class CountBarChart;
class LabelerTable;
class ProgressChart;
class ProjectSession;
class AssistPanel;
class AssistWorker;
class ThroughputChart;

/// Reads DashboardStats through the session and shows them in charts. Refreshes on every
/// change the session announces, throttled to about once a second (longer when reads are
/// slow) with at most one read in flight, so a fast labeler or a running ingest never
/// floods the project thread.
class DashboardTab : public QWidget {
    Q_OBJECT
public:
    /// The throughput window: how far back and in which buckets.
    enum class Span { Day, Week, Month };

    /// Reads the first numbers at once; session must outlive the tab.
    explicit DashboardTab(ProjectSession& session, QWidget* parent = nullptr);
    /// Kept for symmetry with the other tabs: the dashboard never opens dialogs.
    void setInteractive(bool interactive);

    /// Asks for a refresh (throttled); the charts update when it arrives.
    void refresh();
    /// Chooses the throughput window (the combo box does the same) and refreshes.
    void setSpan(Span span);
    Span span() const { return mSpan; }

    // What the charts show, for tests and screenshots.
    std::int64_t progressCount(ItemCategory category) const;
    /// Legend text of a progress category, e.g. "Labeled: 2 (67 %)".
    QString progressLegend(ItemCategory category) const;
    /// Items in the project as last read.
    std::int64_t totalItems() const { return mStats.totalItems; }
    /// Items whose current label has the class; -1 when the class is not shown.
    std::int64_t labelCount(const QString& className) const;
    /// Items labeled by this labeler; -1 when not shown.
    std::int64_t labeledBy(const QString& labelerName) const;
    /// Submissions in the throughput window shown.
    std::int64_t throughputTotal() const;
    /// Queue entries shown as "Manual", "Prelabeled", "Clustered", "Returned"; -1 for another name.
    std::int64_t queueCount(const QString& name) const;
    /// ML assist's schedule, runs and prelabel acceptance.
    const AssistPanel& assistPanel() const { return *mAssist; }
    /// ML assist's background runs (Train now, and automatic ones when a training is due).
    AssistWorker& assistWorker() { return *mWorker; }
    /// Completed refreshes since construction.
    int refreshCount() const { return mRefreshCount; }

signals:
    /// New numbers are on screen.
    void refreshed();

private:
    void startRead();
    void showStats(const DashboardStats& stats, const std::vector<LabelClass>& classes);

    ProjectSession& mSession;
    bool mInteractive = true;
    Span mSpan = Span::Day;
    QTimer mThrottle;
    QElapsedTimer mSinceRead;
    qint64 mLastReadMs = 0; ///< how long the last read took, request to answer
    bool mInFlight = false;
    bool mPending = false;
    int mRefreshCount = 0;
    DashboardStats mStats;

    QLabel* mSummary = nullptr;
    QComboBox* mSpanBox = nullptr;
    ProgressChart* mProgress = nullptr;
    CountBarChart* mLabels = nullptr;
    CountBarChart* mQueue = nullptr;
    LabelerTable* mLabelers = nullptr;
    ThroughputChart* mThroughput = nullptr;
    AssistWorker* mWorker = nullptr;
    QString mRunStage; ///< the running step last seen, to refresh once per step
    AssistPanel* mAssist = nullptr;
};

} // namespace pixmark
