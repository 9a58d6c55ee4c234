#pragma once
// Wizard page 7: quality control: consensus (several labelers per item) and review.

#include "core/project/workflow_settings.h"
#include "widgets/wizard/validated_page.h"

class QCheckBox;
class QLabel;
class QSpinBox;

namespace pixmark {

/// Quality settings. Complete when core's validate(QualitySettings) accepts them.
class QualityPage : public ValidatedPage {
    Q_OBJECT
public:
    explicit QualityPage(QWidget* parent = nullptr);

    QualitySettings settings() const;
    void setSettings(const QualitySettings& settings);


private:
    void revalidate();

    QCheckBox* mConsensus = nullptr;
    QSpinBox* mLabelers = nullptr;
    QCheckBox* mReview = nullptr;
    QLabel* mError = nullptr;
};

} // namespace pixmark
