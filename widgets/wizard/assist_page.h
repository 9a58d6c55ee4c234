#pragma once
// Wizard page 6: ML assist, on or off, and how many labels it waits for.

#include "core/project/workflow_settings.h"
#include "widgets/wizard/validated_page.h"

class QCheckBox;
class QLabel;
class QSpinBox;

namespace pixmark {

/// ML assist settings. Complete when core's validate(AssistSettings) accepts them.
class AssistPage : public ValidatedPage {
    Q_OBJECT
public:
    explicit AssistPage(QWidget* parent = nullptr);

    AssistSettings settings() const;
    void setSettings(const AssistSettings& settings);

    void initializePage() override;

private:
    void revalidate();

    QCheckBox* mEnabled = nullptr;
    QSpinBox* mStartAfter = nullptr;
    QLabel* mWhat = nullptr;
    QLabel* mError = nullptr;
};

} // namespace pixmark
