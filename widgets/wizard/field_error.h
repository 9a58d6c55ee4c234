#pragma once
// The red line under a wizard field that says why its value is refused.

#include <QString>

class QLabel;
class QWidget;

namespace pixmark {

/// A hidden, word-wrapped, red label named objectName, owned by parent.
QLabel* makeFieldError(QWidget* parent, const QString& objectName);
/// Shows message under the field, or hides the label when message is empty.
void showFieldError(QLabel* label, const QString& message);
/// A muted, word-wrapped hint line owned by parent.
QLabel* makeHint(const QString& text, QWidget* parent);
/// A form label whose mnemonic (&) focuses buddy; QFormLayout only makes those for
/// rows that hold a single widget.
QLabel* makeBuddyLabel(const QString& text, QWidget* buddy);
/// "1 image", "3 images": English plurals without a translation file.
QString countText(qint64 count, const QString& one, const QString& many);

} // namespace pixmark
