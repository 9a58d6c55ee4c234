#include "widgets/wizard/validated_page.h"

#include "core/errors.h"
#include "widgets/wizard/field_error.h"

namespace pixmark {

ValidatedPage::ValidatedPage(bool initiallyValid, QWidget* parent) : QWizardPage(parent), mValid(initiallyValid) {}

QString ValidatedPage::refusalOf(const std::function<void()>& check)
{
    try {
        check();
    } catch (const Error& refusal) {
        return QString::fromUtf8(refusal.what());
    }
    return {};
}

void ValidatedPage::setValid(bool valid)
{
    if (valid == mValid)
        return;
    mValid = valid;
    emit completeChanged();
}

void ValidatedPage::showValidity(QLabel* errorLine, const QString& error)
{
    showFieldError(errorLine, error);
    setValid(error.isEmpty());
}

} // namespace pixmark
