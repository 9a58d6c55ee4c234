#pragma once
// The dashboard's view of ML assist: how far the next training is, what labelers did with
// the prelabels, and the newest runs (training cache, training, validation, inference,
// featurization) with their status and outcome.

#include "core/model/dashboard.h"
#include "core/model/run.h"
#include "core/project/training_schedule.h"

#include <QWidget>

#include <vector>

class QLabel;
class QPushButton;
class QProgressBar;
class QTableWidget;

namespace pixmark {

class AssistWorker;

/// "Train now" and "Cancel" for the worker's runs with their progress, a bar towards the next training and a line about prelabel acceptance above a table with
/// the columns Run, Step, Status, Finished, Outcome.
class AssistPanel : public QWidget {
    Q_OBJECT
public:
    /// worker must outlive the panel.
    explicit AssistPanel(AssistWorker& worker, QWidget* parent = nullptr);

    /// Replaces what is shown; runs newest first.
    void setState(const TrainingSchedule& schedule, const std::vector<Run>& runs, const PrelabelOutcomes& prelabels);
    /// The text on the bar towards the next training.
    QString scheduleText() const;
    /// The acceptance line as shown.
    QString acceptanceText() const;
    int runCount() const;
    /// The status shown for the run with this id; empty when not shown.
    QString statusOf(RunId id) const;
    /// What the line under the bar says about the run in progress or the last one.
    QString runText() const;

private:
    void showRunning(bool running);

    AssistWorker& mWorker;
    QPushButton* mTrainNow = nullptr;
    QPushButton* mCancel = nullptr;
    QLabel* mRun = nullptr;
    QProgressBar* mSchedule = nullptr;
    QLabel* mAcceptance = nullptr;
    QTableWidget* mTable = nullptr;
};

} // namespace pixmark
