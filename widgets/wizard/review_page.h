#pragma once
// Wizard page 8: everything chosen, in one place, before the project is created.

#include <QWizardPage>

class QLabel;

namespace pixmark {

/// A summary of the plan and, when creating failed, why. Finish ("Create Project")
/// creates the project.
class ReviewPage : public QWizardPage {
    Q_OBJECT
public:
    explicit ReviewPage(QWidget* parent = nullptr);

    /// The summary text as shown (rich text).
    QString summaryText() const;
    /// Shows why creating failed (empty hides it).
    void showCreateError(const QString& message);
    QString createError() const;

    void initializePage() override;

private:
    QLabel* mSummary = nullptr;
    QLabel* mError = nullptr;
};

} // namespace pixmark
