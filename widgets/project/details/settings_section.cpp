#include "widgets/project/details/settings_section.h"

#include "core/project/project.h"
#include "widgets/session/project_session.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

#include <tuple>

namespace pixmark {

SettingsSection::SettingsSection(ProjectSession& session, QWidget* parent)
    : QGroupBox(tr("Settings"), parent), mSession(session)
{
    setObjectName(QStringLiteral("settingsSection"));
    mConsensus = new QCheckBox(tr("Consensus: several labelers label each item"), this);
    mConsensus->setObjectName(QStringLiteral("consensus"));
    mLabelersPerItem = new QSpinBox(this);
    mLabelersPerItem->setObjectName(QStringLiteral("labelersPerItem"));
    // Wider than core's range on purpose: core's message explains a wrong value better
    // than a spin box that silently stops.
    mLabelersPerItem->setRange(1, 99);
    mReview = new QCheckBox(tr("Review: a reviewer approves every label before it counts as done"), this);
    mReview->setObjectName(QStringLiteral("reviewRequired"));
    mAssist = new QCheckBox(tr("ML assist: train on the labels so far, then prelabel and cluster the rest"), this);
    mAssist->setObjectName(QStringLiteral("assistEnabled"));
    mAssistStart = new QSpinBox(this);
    mAssistStart->setObjectName(QStringLiteral("assistStartAfter"));
    mAssistStart->setRange(1, 1000000);
    mAssistStart->setSuffix(tr(" labeled items"));
    mSelfTraining = new QCheckBox(tr("Self-training: a second model learns from the first one's prelabels "
                                     "(better prelabels from few labels; each training takes longer)"),
                                  this);
    mSelfTraining->setObjectName(QStringLiteral("selfTraining"));
    mSelfTraining->setVisible(false);
    mSelfTrainingRounds = new QSpinBox(this);
    mSelfTrainingRounds->setObjectName(QStringLiteral("selfTrainingRounds"));
    mSelfTrainingRounds->setRange(1, 9); // wider than core's on purpose (see above)
    mSelfTrainingRounds->setToolTip(tr("Students in a row, each learning from the one before's prelabels; each round "
                                       "is one more training"));
    mPrecision = percentBox(QStringLiteral("prelabelPrecision"), tr(" % right"),
                            tr("Prelabels are only suggested where the model's held-out labels show at least this "
                               "share of them right; a higher value suggests fewer."));
    mConfidence = percentBox(QStringLiteral("prelabelConfidence"), tr(" % sure"),
                             tr("How sure the held-out labels must make it that the prelabels reach that precision "
                                "(few held-out labels give a wide margin); 0 takes the measured precision as it is."));
    mApply = new QPushButton(tr("Apply settings"), this);
    mApply->setObjectName(QStringLiteral("applySettings"));
    mStatus = new QLabel(this);
    mStatus->setObjectName(QStringLiteral("settingsStatus"));
    mStatus->setWordWrap(true);

    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(new QLabel(tr("<b>Quality control</b>"), this));
    form->addRow(mConsensus);
    form->addRow(tr("Labelers per item:"), mLabelersPerItem);
    form->addRow(mReview);
    form->addRow(new QLabel(tr("<b>ML assist</b>"), this));
    form->addRow(mAssist);
    form->addRow(tr("Start after:"), mAssistStart);
    form->addRow(mSelfTraining);
    form->addRow(tr("Self-training rounds:"), mSelfTrainingRounds);
    form->setRowVisible(mSelfTrainingRounds, false);
    form->addRow(tr("Prelabel precision:"), mPrecision);
    form->addRow(tr("Confidence in it:"), mConfidence);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(mStatus, 1);
    buttons->addWidget(mApply);
    form->addRow(buttons);

    connect(mConsensus, &QCheckBox::toggled, this, &SettingsSection::updateEnabled);
    connect(mAssist, &QCheckBox::toggled, this, &SettingsSection::updateEnabled);
    connect(mSelfTraining, &QCheckBox::toggled, this, &SettingsSection::updateEnabled);
    connect(mApply, &QPushButton::clicked, this, &SettingsSection::apply);
    reload();
}

QDoubleSpinBox* SettingsSection::percentBox(const QString& objectName, const QString& suffix, const QString& toolTip)
{
    // Percent in the form, shares in core; the range is wider than core's on purpose (see above).
    auto* box = new QDoubleSpinBox(this);
    box->setObjectName(objectName);
    box->setRange(0, 100);
    box->setDecimals(1);
    box->setSuffix(suffix);
    box->setToolTip(toolTip);
    return box;
}

void SettingsSection::reload()
{
    mSession.run(
        this,
        [](Project& project) {
            return std::make_tuple(qualitySettingsOf(project), assistSettingsOf(project),
                                   project.info().taskType == TaskType::ClassificationMultiClass);
        },
        [this](std::tuple<QualitySettings, AssistSettings, bool> settings) {
            const auto& [quality, assist, singleLabel] = settings;
            mConsensus->setChecked(quality.consensus);
            mLabelersPerItem->setValue(quality.labelersPerItem);
            mReview->setChecked(quality.reviewRequired);
            mLoadedAssist = assist;
            mAssist->setChecked(assist.enabled);
            mAssistStart->setValue(assist.startAfterLabels);
            mSelfTraining->setChecked(assist.selfTraining);
            mSelfTraining->setVisible(singleLabel);
            mSelfTrainingRounds->setValue(assist.selfTrainingRounds);
            static_cast<QFormLayout*>(layout())->setRowVisible(mSelfTrainingRounds, singleLabel);
            mPrecision->setValue(assist.targetPrecision * 100);
            mConfidence->setValue(assist.calibrationConfidence * 100);
            updateEnabled();
        });
}

void SettingsSection::apply()
{
    QualitySettings quality;
    quality.consensus = mConsensus->isChecked();
    quality.labelersPerItem = quality.consensus ? mLabelersPerItem->value() : 1;
    quality.reviewRequired = mReview->isChecked();
    AssistSettings assist = mLoadedAssist;
    assist.enabled = mAssist->isChecked();
    assist.startAfterLabels = mAssistStart->value();
    assist.selfTraining = mSelfTraining->isChecked();
    assist.selfTrainingRounds = mSelfTrainingRounds->value();
    assist.targetPrecision = mPrecision->value() / 100;
    assist.calibrationConfidence = mConfidence->value() / 100;
    mStatus->setText(tr("Applying\u2026"));
    mSession.run(
        this,
        [quality, assist](Project& project) {
            // Both are checked before either is written, so a refusal changes nothing.
            validate(quality);
            validate(assist);
            setQualitySettings(project, quality);
            setAssistSettings(project, assist);
        },
        [this] {
            mStatus->setText(tr("Settings applied"));
            emit applied(true);
        },
        [this](const QString& message) {
            mStatus->setText(message);
            emit applied(false);
        },
        ProjectChange::Definition);
}

QString SettingsSection::statusText() const
{
    return mStatus->text();
}

void SettingsSection::updateEnabled()
{
    mLabelersPerItem->setEnabled(mConsensus->isChecked());
    mAssistStart->setEnabled(mAssist->isChecked());
    mSelfTraining->setEnabled(mAssist->isChecked());
    mSelfTrainingRounds->setEnabled(mAssist->isChecked() && mSelfTraining->isChecked());
    mPrecision->setEnabled(mAssist->isChecked());
    mConfidence->setEnabled(mAssist->isChecked());
}

} // namespace pixmark
