#include "widgets/project/dashboard/assist_panel.h"

#include "core/model/run_summary.h"
#include "widgets/session/assist_worker.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pixmark {

namespace {

QString stepName(RunKind kind)
{
    switch (kind) {
    case RunKind::Cache: return QObject::tr("Training cache");
    case RunKind::Training: return QObject::tr("Training");
    case RunKind::Validation: return QObject::tr("Validation");
    case RunKind::Inference: return QObject::tr("Prelabels");
    case RunKind::Featurization: return QObject::tr("Clusters");
    }
    return {};
}

QString statusName(RunStatus status)
{
    switch (status) {
    case RunStatus::Running: return QObject::tr("running");
    case RunStatus::Succeeded: return QObject::tr("done");
    case RunStatus::Failed: return QObject::tr("failed");
    case RunStatus::Cancelled: return QObject::tr("cancelled");
    case RunStatus::Interrupted: return QObject::tr("interrupted");
    }
    return {};
}

} // namespace

AssistPanel::AssistPanel(AssistWorker& worker, QWidget* parent) : QWidget(parent), mWorker(worker)
{
    setObjectName(QStringLiteral("assistPanel"));
    mSchedule = new QProgressBar(this);
    mSchedule->setObjectName(QStringLiteral("trainingSchedule"));
    mSchedule->setRange(0, 1000);
    mSchedule->setTextVisible(true);
    mAcceptance = new QLabel(this);
    mAcceptance->setObjectName(QStringLiteral("prelabelAcceptance"));
    mAcceptance->setWordWrap(true);
    mTable = new QTableWidget(0, 5, this);
    mTable->setHorizontalHeaderLabels({tr("Run"), tr("Step"), tr("Status"), tr("Finished"), tr("Outcome")});
    mTable->horizontalHeader()->setSectionResizeMode(4, QHeaderView::Stretch);
    mTable->verticalHeader()->hide();
    mTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mTable->setSelectionMode(QAbstractItemView::NoSelection);
    mTable->setAlternatingRowColors(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    mTrainNow = new QPushButton(tr("Train now"), this);
    mTrainNow->setObjectName(QStringLiteral("trainNow"));
    mCancel = new QPushButton(tr("Cancel"), this);
    mCancel->setObjectName(QStringLiteral("cancelRun"));
    mRun = new QLabel(this);
    mRun->setObjectName(QStringLiteral("runProgress"));
    mRun->setWordWrap(true);
    mRun->hide(); // until a run starts: an empty line would only leave a gap
    if (!worker.isAvailable()) {
        mTrainNow->setEnabled(false);
        mTrainNow->setToolTip(tr("This build of Pixmark has no ML engine."));
    }
    auto* top = new QHBoxLayout;
    top->addWidget(mSchedule, 1);
    top->addWidget(mTrainNow);
    top->addWidget(mCancel);
    layout->addLayout(top);
    layout->addWidget(mRun);
    layout->addWidget(mAcceptance);
    showRunning(worker.isRunning());

    connect(mTrainNow, &QPushButton::clicked, this, [this] { mWorker.start(); });
    connect(mCancel, &QPushButton::clicked, this, [this] {
        mWorker.cancel();
        mRun->setText(tr("Cancelling at the next step…"));
    });
    connect(&worker, &AssistWorker::started, this, [this] {
        showRunning(true);
        mRun->show();
        mRun->setText(tr("Starting… labeling goes on meanwhile."));
    });
    connect(&worker, &AssistWorker::progressed, this, [this](const QString& stage, qint64 done, qint64 total) {
        const QString step = stage == QStringLiteral("cache")       ? tr("Updating the training cache")
                             : stage == QStringLiteral("training")  ? tr("Training")
                             : stage == QStringLiteral("inference") ? tr("Prelabeling")
                             : stage == QStringLiteral("thumbnails") ? tr("Grouping similar images")
                                                                     : stage;
        mRun->setText(total > 0 ? tr("%1: %2 %").arg(step).arg(100.0 * double(done) / double(total), 0, 'f', 0)
                                : step);
    });
    connect(&worker, &AssistWorker::finished, this, [this](bool ok, const QString& message) {
        showRunning(false);
        mRun->show();
        if (!ok)
            mRun->setText(tr("The last run stopped: %1").arg(message));
        else if (message.isEmpty())
            mRun->setText(tr("The last run finished: what it found is in the queue."));
        else
            mRun->setText(tr("The last run finished: what it found is in the queue. %1").arg(message));
    });
    layout->addWidget(mTable, 1);
}

void AssistPanel::setState(const TrainingSchedule& schedule, const std::vector<Run>& runs,
                           const PrelabelOutcomes& prelabels)
{
    mSchedule->setValue(static_cast<int>(schedule.progress() * 1000));
    const QString next = schedule.lastTrainedOn > 0 ? tr("Retraining") : tr("First training");
    if (!schedule.enabled)
        mSchedule->setFormat(tr("ML assist is off (Details tab)"));
    else if (schedule.isDue())
        mSchedule->setFormat(tr("%1 due: %L2 labels (at %L3)").arg(next).arg(schedule.labels).arg(schedule.nextAt));
    else
        mSchedule->setFormat(tr("%1 at %L2 labels: %L3 to go").arg(next).arg(schedule.nextAt).arg(schedule.remaining()));

    if (const auto rate = prelabels.acceptanceRate())
        mAcceptance->setText(tr("Prelabels reviewed: %L1 \u2014 %2 % accepted unchanged, %L3 edited, %L4 rejected. "
                                "Prelabel shapes kept: %L5 unchanged, %L6 edited.")
                                 .arg(prelabels.reviewed())
                                 .arg(*rate * 100.0, 0, 'f', 0)
                                 .arg(prelabels.edited)
                                 .arg(prelabels.rejected)
                                 .arg(prelabels.shapesAccepted)
                                 .arg(prelabels.shapesEdited));
    else
        mAcceptance->setText(runs.empty() ? tr("No model yet: ML assist trains once enough items are labeled.")
                                          : tr("No prelabel reviewed yet."));
    mTable->setRowCount(static_cast<int>(runs.size()));
    for (int row = 0; row < mTable->rowCount(); ++row) {
        const Run& run = runs[static_cast<std::size_t>(row)];
        mTable->setItem(row, 0, new QTableWidgetItem(QStringLiteral("#%1").arg(run.id)));
        mTable->setItem(row, 1, new QTableWidgetItem(stepName(run.kind)));
        mTable->setItem(row, 2, new QTableWidgetItem(statusName(run.status)));
        const QString finished =
            run.finishedAt ? QDateTime::fromMSecsSinceEpoch(*run.finishedAt).toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                           : QString();
        mTable->setItem(row, 3, new QTableWidgetItem(finished));
        auto* outcome = new QTableWidgetItem(QString::fromStdString(runSummary(run)));
        outcome->setToolTip(outcome->text());
        mTable->setItem(row, 4, outcome);
    }
    mTable->resizeColumnsToContents();
}

void AssistPanel::showRunning(bool running)
{
    mTrainNow->setEnabled(!running && mWorker.isAvailable());
    mCancel->setEnabled(running);
}

QString AssistPanel::runText() const
{
    return mRun->text();
}

QString AssistPanel::scheduleText() const
{
    return mSchedule->text();
}

QString AssistPanel::acceptanceText() const
{
    return mAcceptance->text();
}

int AssistPanel::runCount() const
{
    return mTable->rowCount();
}

QString AssistPanel::statusOf(RunId id) const
{
    for (int row = 0; row < mTable->rowCount(); ++row)
        if (mTable->item(row, 0)->text() == QStringLiteral("#%1").arg(id))
            return mTable->item(row, 2)->text();
    return {};
}

} // namespace pixmark
