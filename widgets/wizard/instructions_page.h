#pragma once
// Wizard page 5: instructions for labelers (formatted text) and an optional link to a
// longer guide.
#include "widgets/wizard/validated_page.h"

class QLabel;
class QLineEdit;
class QTextEdit;

namespace pixmark {

/// Formatted instructions (bold, italic, lists) kept as Markdown, and a link. Complete
/// unless the link is malformed; the reason shows under it.
class InstructionsPage : public ValidatedPage {
    Q_OBJECT
public:
    explicit InstructionsPage(QWidget* parent = nullptr);

    /// The instructions as Markdown (empty when none were written).
    QString instructionsMarkdown() const;
    void setInstructionsMarkdown(const QString& markdown);
    QString url() const;
    void setUrl(const QString& url);
    /// The editor (owned by the page).
    QTextEdit* editor() const { return mEditor; }


private:
    void revalidate();

    QTextEdit* mEditor = nullptr;
    QLineEdit* mUrl = nullptr;
    QLabel* mUrlError = nullptr;
};

} // namespace pixmark
