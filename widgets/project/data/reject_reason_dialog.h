#pragma once
// Asks why work is rejected. The reason is required: labelers see it in the item's history.

#include <QDialog>

class QDialogButtonBox;
class QPlainTextEdit;

namespace pixmark {

/// A small modal dialog with one required text field; OK stays disabled until it holds text.
class RejectReasonDialog : public QDialog {
    Q_OBJECT
public:
    /// itemCount says how many items the rejection covers (shown in the title).
    explicit RejectReasonDialog(std::int64_t itemCount, QWidget* parent = nullptr);
    /// The reason typed, trimmed.
    QString reason() const;

private:
    QPlainTextEdit* mReason;
    QDialogButtonBox* mButtons;
};

} // namespace pixmark
