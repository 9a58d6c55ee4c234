#include "widgets/project/details/label_reset_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace pixmark {

namespace {
QLabel* explanation(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setContentsMargins(24, 0, 0, 8);
    return label;
}
} // namespace

LabelResetDialog::LabelResetDialog(const QStringList& classNames, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Add classes to a labeled project"));
    auto* intro = new QLabel(tr("This project already has labels, made when %1 did not exist. "
                                "What should happen to them?")
                                 .arg(classNames.join(QStringLiteral(", "))),
                             this);
    intro->setWordWrap(true);
    mStartOver = new QRadioButton(tr("Start over"), this);
    mStartOver->setObjectName(QStringLiteral("modeStartOver"));
    mKeepSuggestions = new QRadioButton(tr("Start over, keep labels as suggestions"), this);
    mKeepSuggestions->setObjectName(QStringLiteral("modeKeepSuggestions"));
    mContinue = new QRadioButton(tr("Continue"), this);
    mContinue->setObjectName(QStringLiteral("modeContinue"));
    mContinue->setChecked(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Add classes"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(mStartOver);
    layout->addWidget(explanation(tr("Every item goes back to the queue unlabeled and is labeled again "
                                     "with the new classes. The old labels stay in each item's history."),
                                  this));
    layout->addWidget(mKeepSuggestions);
    layout->addWidget(explanation(tr("Every item goes back to the queue, with its old label pre-filled "
                                     "as a suggestion to confirm or correct: faster than starting over."),
                                  this));
    layout->addWidget(mContinue);
    layout->addWidget(explanation(tr("Labels stay as they are; only items labeled from now on can use "
                                     "the new classes. Choose this when old items cannot contain them."),
                                  this));
    layout->addWidget(buttons);
    setMinimumWidth(480);
}

LabelResetMode LabelResetDialog::mode() const
{
    if (mStartOver->isChecked())
        return LabelResetMode::StartOver;
    if (mKeepSuggestions->isChecked())
        return LabelResetMode::StartOverKeepSuggestions;
    return LabelResetMode::Continue;
}

void LabelResetDialog::setMode(LabelResetMode mode)
{
    switch (mode) {
    case LabelResetMode::StartOver:
        mStartOver->setChecked(true);
        break;
    case LabelResetMode::StartOverKeepSuggestions:
        mKeepSuggestions->setChecked(true);
        break;
    case LabelResetMode::Continue:
        mContinue->setChecked(true);
        break;
    }
}

std::optional<LabelResetMode> LabelResetDialog::ask(const QStringList& classNames, QWidget* parent)
{
    LabelResetDialog dialog(classNames, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.mode();
}

} // namespace pixmark
