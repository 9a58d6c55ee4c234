#include "widgets/project/data/reject_reason_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pixmark {

RejectReasonDialog::RejectReasonDialog(std::int64_t itemCount, QWidget* parent)
    : QDialog(parent), mReason(new QPlainTextEdit(this)),
      mButtons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(itemCount == 1 ? tr("Reject 1 item") : tr("Reject %1 items").arg(QLocale().toString(static_cast<qlonglong>(itemCount))));
    auto* explanation = new QLabel(
        tr("Reason (required). It is kept in each item's history and shown to the labeler; the labels leave the "
           "current set and the items return to the queue."),
        this);
    explanation->setWordWrap(true);
    mReason->setObjectName(QStringLiteral("rejectReason"));
    mReason->setPlaceholderText(tr("e.g. boxes too loose, missed the birds in the background"));
    mButtons->button(QDialogButtonBox::Ok)->setText(tr("Reject"));
    mButtons->button(QDialogButtonBox::Ok)->setEnabled(false);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addWidget(mReason);
    layout->addWidget(mButtons);
    connect(mReason, &QPlainTextEdit::textChanged, this,
            [this] { mButtons->button(QDialogButtonBox::Ok)->setEnabled(!reason().isEmpty()); });
    connect(mButtons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(mButtons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString RejectReasonDialog::reason() const
{
    return mReason->toPlainText().trimmed();
}

} // namespace pixmark
