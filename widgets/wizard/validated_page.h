#pragma once
// A wizard page whose Next button follows core's verdict on what was entered: the
// reason a value is refused is shown under its field, and Next stays disabled until
// every field is valid.

#include <QString>
#include <QWizardPage>

#include <functional>

class QLabel;

namespace pixmark {

/// Base of the creation wizard's pages that check their input.
class ValidatedPage : public QWizardPage {
    Q_OBJECT
public:
    /// initiallyValid: whether Next is enabled before the first check (pages whose
    /// defaults are valid start enabled).
    explicit ValidatedPage(bool initiallyValid, QWidget* parent = nullptr);

    bool isComplete() const override { return mValid; }

    /// Runs check (a call into core's validation) and returns the message of the
    /// pixmark::Error it throws, or an empty string when it passes.
    static QString refusalOf(const std::function<void()>& check);

protected:
    /// Tells the wizard whether the page is complete; emits completeChanged on change.
    void setValid(bool valid);
    /// Shows error under its field (hides the line when empty) and sets the page's
    /// validity from it.
    void showValidity(QLabel* errorLine, const QString& error);

private:
    bool mValid;
};

} // namespace pixmark
