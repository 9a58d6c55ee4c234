#pragma once
// Wizard page 7: quality control: consensus (several labelers per item) and review.

#include "core/project/workflow_settings.h"

#include <QWizardPage>

class QCheckBox;
class QLabel;
class QSpinBox;

namespace pixmark {

/// Quality settings. Complete when core's validate(QualitySettings) accepts them.
class QualityPage : public QWizardPage {
    Q_OBJECT
public:
    explicit QualityPage(QWidget* parent = nullptr);

    QualitySettings settings() const;
    void setSettings(const QualitySettings& settings);

    bool isComplete() const override;

private:
    void revalidate();

    QCheckBox* mConsensus = nullptr;
    QSpinBox* mLabelers = nullptr;
    QCheckBox* mReview = nullptr;
    QLabel* mError = nullptr;
    bool mValid = true;
};

} // namespace pixmark
