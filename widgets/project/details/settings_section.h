#pragma once
// Details tab, "Settings": quality control (consensus, labelers per item, review) and
// ML assist (on/off, when it starts, self-training and its rounds for single-label
// classification, the precision its prelabels promise). Invalid values show core's message next to the form.

#include "core/project/workflow_settings.h"

#include <QGroupBox>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace pixmark {

class ProjectSession;

/// Writes both groups in one request with ProjectChange::Definition.
class SettingsSection : public QGroupBox {
    Q_OBJECT
public:
    /// Reads the settings at once.
    explicit SettingsSection(ProjectSession& session, QWidget* parent = nullptr);
    /// Reads the settings again (unapplied edits are replaced).
    void reload();
    /// Writes what the form shows (the Apply button); the outcome lands in statusText().
    void apply();

    // The form's fields, for tests.
    QCheckBox* consensusBox() const { return mConsensus; }
    QSpinBox* labelersPerItemBox() const { return mLabelersPerItem; }
    QCheckBox* reviewBox() const { return mReview; }
    QCheckBox* assistBox() const { return mAssist; }
    QSpinBox* assistStartBox() const { return mAssistStart; }
    /// Shown for single-label classification projects only.
    QCheckBox* selfTrainingBox() const { return mSelfTraining; }
    QSpinBox* selfTrainingRoundsBox() const { return mSelfTrainingRounds; }
    /// Percent: the precision the prelabels must reach, and how sure the calibration must be.
    QDoubleSpinBox* precisionBox() const { return mPrecision; }
    QDoubleSpinBox* confidenceBox() const { return mConfidence; }
    /// "Settings applied", or core's message for a refused value.
    QString statusText() const;

signals:
    /// apply() finished; ok is false when core refused a value.
    void applied(bool ok);

private:
    void updateEnabled();
    QDoubleSpinBox* percentBox(const QString& objectName, const QString& suffix, const QString& toolTip);

    ProjectSession& mSession;
    QCheckBox* mConsensus = nullptr;
    QSpinBox* mLabelersPerItem = nullptr;
    QCheckBox* mReview = nullptr;
    QCheckBox* mAssist = nullptr;
    QSpinBox* mAssistStart = nullptr;
    QCheckBox* mSelfTraining = nullptr;
    QSpinBox* mSelfTrainingRounds = nullptr;
    QDoubleSpinBox* mPrecision = nullptr;
    QDoubleSpinBox* mConfidence = nullptr;
    /// What was read, so that applying keeps the settings this form does not show.
    AssistSettings mLoadedAssist;
    QPushButton* mApply = nullptr;
    QLabel* mStatus = nullptr;
};

} // namespace pixmark
