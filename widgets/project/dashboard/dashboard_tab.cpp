#include "widgets/project/dashboard/dashboard_tab.h"

#include "core/project/training_schedule.h"
#include "widgets/common/scroll_page.h"
#include "widgets/project/dashboard/assist_panel.h"
#include "widgets/project/dashboard/count_bar_chart.h"
#include "widgets/project/dashboard/labeler_table.h"
#include "widgets/project/dashboard/progress_chart.h"
#include "widgets/project/dashboard/throughput_chart.h"
#include "widgets/session/assist_worker.h"
#include "widgets/session/project_session.h"

#include <QComboBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace pixmark {

namespace {
constexpr int throttleMs = 1000;
// While nothing changes, the throughput window still moves with the clock.
constexpr int idleRefreshMs = 60 * 1000;
constexpr std::int64_t hourMs = 3600 * 1000;
// Two pipelines' worth of steps.
constexpr int kRunsShown = 10;

/// What one read brings back from the project thread.
struct Reading {
    DashboardStats stats;
    std::vector<LabelClass> classes;
    std::vector<Run> runs;
    TrainingSchedule schedule;
};

std::pair<std::int64_t, int> bucketsOf(DashboardTab::Span span)
{
    switch (span) {
    case DashboardTab::Span::Day:
        return {hourMs, 24};
    case DashboardTab::Span::Week:
        return {6 * hourMs, 28};
    case DashboardTab::Span::Month:
        return {24 * hourMs, 30};
    }
    return {hourMs, 24};
}
} // namespace

DashboardTab::DashboardTab(ProjectSession& session, QWidget* parent) : QWidget(parent), mSession(session)
{
    mSummary = new QLabel(this);
    mSummary->setObjectName(QStringLiteral("dashboardSummary"));
    QFont font = mSummary->font();
    font.setBold(true);
    mSummary->setFont(font);
    mSpanBox = new QComboBox(this);
    mSpanBox->setObjectName(QStringLiteral("throughputSpan"));
    mSpanBox->addItem(tr("Last 24 hours"));
    mSpanBox->addItem(tr("Last 7 days"));
    mSpanBox->addItem(tr("Last 30 days"));

    mProgress = new ProgressChart(this);
    mLabels = new CountBarChart(tr("Label distribution"), tr("no labels yet"), this);
    mLabels->setObjectName(QStringLiteral("labelDistributionChart"));
    mQueue = new CountBarChart(tr("Queue composition"), tr("the queue is empty"), this);
    mQueue->setObjectName(QStringLiteral("queueChart"));
    mQueue->setMinimumHeight(160);
    mLabelers = new LabelerTable(this);
    mThroughput = new ThroughputChart(this);
    mWorker = new AssistWorker(mSession, pipelineRunner(), this);
    mAssist = new AssistPanel(*mWorker, this);
    // Each step of a run is recorded when it starts: show it as the run moves on.
    connect(mWorker, &AssistWorker::progressed, this, [this](const QString& stage) {
        if (stage != mRunStage) {
            mRunStage = stage;
            refresh();
        }
    });

    auto* header = new QHBoxLayout;
    header->addWidget(mSummary, 1);
    header->addWidget(new QLabel(tr("Throughput:"), this));
    header->addWidget(mSpanBox);

    auto* labelers = new QGroupBox(tr("Labelers"), this);
    auto* labelersLayout = new QVBoxLayout(labelers);
    labelersLayout->addWidget(mLabelers);

    auto* grid = new QGridLayout;
    auto* assist = new QGroupBox(tr("ML assist"), this);
    auto* assistLayout = new QVBoxLayout(assist);
    assistLayout->addWidget(mAssist);
    assist->setMinimumHeight(200);
    // ML assist beside the queue it fills, near the top: what a lead checks first.
    grid->addWidget(mProgress, 0, 0, 1, 2);
    grid->addWidget(assist, 1, 0);
    grid->addWidget(mQueue, 1, 1);
    grid->addWidget(mLabels, 2, 0);
    grid->addWidget(labelers, 2, 1);
    grid->addWidget(mThroughput, 3, 0, 1, 2);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 2);
    grid->setRowStretch(1, 1);
    grid->setRowStretch(2, 1);
    grid->setRowStretch(3, 1);

    // The charts scroll when a project has many classes or the window is small.
    auto* content = new QWidget;
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->addLayout(header);
    contentLayout->addLayout(grid, 1);
    fillWithScrollArea(this, content);

    mThrottle.setSingleShot(true);
    connect(&mThrottle, &QTimer::timeout, this, &DashboardTab::startRead);
    connect(&mSession, &ProjectSession::changed, this, [this](ProjectChange) { refresh(); });
    connect(mSpanBox, &QComboBox::currentIndexChanged, this, [this](int index) { setSpan(static_cast<Span>(index)); });
    auto* clock = new QTimer(this);
    clock->setInterval(idleRefreshMs);
    connect(clock, &QTimer::timeout, this, &DashboardTab::refresh);
    clock->start();
    refresh();
}

void DashboardTab::setInteractive(bool interactive)
{
    mInteractive = interactive;
}

void DashboardTab::refresh()
{
    mPending = true;
    if (mInFlight || mThrottle.isActive())
        return;
    // On a large project a read can take a while: spacing reads by several times their
    // duration keeps the project thread (which labeling shares) mostly free.
    const qint64 spacing = std::max<qint64>(throttleMs, 5 * mLastReadMs);
    const qint64 since = mSinceRead.isValid() ? mSinceRead.elapsed() : spacing;
    mThrottle.start(static_cast<int>(std::max<qint64>(0, spacing - since)));
}

void DashboardTab::setSpan(Span span)
{
    mSpan = span;
    if (mSpanBox->currentIndex() != static_cast<int>(span))
        mSpanBox->setCurrentIndex(static_cast<int>(span));
    refresh();
}

void DashboardTab::startRead()
{
    mPending = false;
    mInFlight = true;
    mSinceRead.start();
    const auto [bucketMs, count] = bucketsOf(mSpan);
    mSession.run(
        this,
        [bucketMs, count](Project& project) {
            return Reading{project.dashboard(bucketMs, count), project.classes(), project.runs(kRunsShown),
                           trainingScheduleOf(project)};
        },
        [this](Reading result) {
            mInFlight = false;
            mLastReadMs = mSinceRead.elapsed();
            showStats(result.stats, result.classes);
            mAssist->setState(result.schedule, result.runs, result.stats.prelabels);
            if (mPending)
                refresh();
        },
        [this](const QString& message) {
            mInFlight = false;
            mSummary->setText(tr("The dashboard could not be read: %1").arg(message));
        });
}

void DashboardTab::showStats(const DashboardStats& stats, const std::vector<LabelClass>& classes)
{
    mStats = stats;
    const auto countOf = [&](ItemCategory category) {
        const auto found = stats.progress.find(category);
        return found == stats.progress.end() ? std::int64_t{0} : found->second;
    };
    const std::int64_t done = countOf(ItemCategory::Done);
    const double percent =
        stats.totalItems > 0 ? 100.0 * static_cast<double>(done) / static_cast<double>(stats.totalItems) : 0;
    QString summary = tr("%L1 of %L2 items labeled (%3 %)").arg(done).arg(stats.totalItems).arg(percent, 0, 'f', 0);
    if (stats.reviewRequired)
        summary += tr(" \u00b7 review required");
    mSummary->setText(summary);

    mProgress->setProgress(stats.progress, stats.totalItems);

    QList<CountBarChart::Entry> labels;
    for (const LabelClass& labelClass : classes) {
        const auto found = stats.labelDistribution.find(labelClass.id);
        const std::int64_t count = found == stats.labelDistribution.end() ? 0 : found->second;
        // Archived classes without labels are noise; with labels they still count.
        if (labelClass.archived && count == 0)
            continue;
        labels.append(
            {QString::fromStdString(labelClass.name), count, QColor(QString::fromStdString(labelClass.color))});
    }
    mLabels->setEntries(labels);

    const auto& queue = stats.queue;
    QList<CountBarChart::Entry> queueEntries;
    if (queue.fresh + queue.prelabeled + queue.clustered + queue.returned > 0)
        queueEntries = {{tr("Manual"), queue.fresh, QColor(0xb0, 0xb7, 0xc3)},
                        {tr("Prelabeled"), queue.prelabeled, QColor(0x3b, 0x82, 0xf6)},
                        {tr("Clustered"), queue.clustered, QColor(0x8b, 0x5c, 0xf6)},
                        {tr("Returned"), queue.returned, QColor(0xd6, 0x45, 0x45)}};
    mQueue->setEntries(queueEntries);

    mLabelers->setLabelers(stats.labelers);
    mThroughput->setThroughput(stats.throughput, stats.bucketMs);
    ++mRefreshCount;
    emit refreshed();
}

std::int64_t DashboardTab::progressCount(ItemCategory category) const
{
    return mProgress->count(category);
}

QString DashboardTab::progressLegend(ItemCategory category) const
{
    return mProgress->legendText(category);
}

std::int64_t DashboardTab::labelCount(const QString& className) const
{
    return mLabels->count(className);
}

std::int64_t DashboardTab::labeledBy(const QString& labelerName) const
{
    return mLabelers->labeledBy(labelerName);
}

std::int64_t DashboardTab::throughputTotal() const
{
    return mThroughput->total();
}

std::int64_t DashboardTab::queueCount(const QString& name) const
{
    return mQueue->count(name);
}

} // namespace pixmark
