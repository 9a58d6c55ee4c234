#pragma once
// Asked when classes are added to a project that already has labels: what becomes of
// the labels made without the new classes (core's LabelResetMode).

#include "core/model/label_class.h"

#include <QDialog>

#include <optional>

class QRadioButton;

namespace pixmark {

/// Three radio buttons, each with what it does to the existing labels.
class LabelResetDialog : public QDialog {
    Q_OBJECT
public:
    /// classNames: the classes being added, for the explanation.
    /// classNames: the classes being added, named in the question.
    LabelResetDialog(const QStringList& classNames, QWidget* parent = nullptr);

    /// The chosen mode (Continue until the user picks another).
    LabelResetMode mode() const;
    /// Selects the radio button of mode.
    void setMode(LabelResetMode mode);

    /// Shows the dialog modally; nullopt when cancelled.
    static std::optional<LabelResetMode> ask(const QStringList& classNames, QWidget* parent);

private:
    QRadioButton* mStartOver = nullptr;
    QRadioButton* mKeepSuggestions = nullptr;
    QRadioButton* mContinue = nullptr;
};

} // namespace pixmark
