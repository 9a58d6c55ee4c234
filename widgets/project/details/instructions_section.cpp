#include "widgets/project/details/instructions_section.h"

#include "widgets/session/project_session.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>

namespace pixmark {

InstructionsSection::InstructionsSection(ProjectSession& session, QWidget* parent)
    : QGroupBox(tr("Instructions"), parent), mSession(session)
{
    setObjectName(QStringLiteral("instructionsSection"));
    mText = new QPlainTextEdit(this);
    mText->setObjectName(QStringLiteral("instructionsText"));
    mText->setPlaceholderText(tr("What labelers should know: what to label, what to leave out, edge cases."));
    mText->setMinimumHeight(90);
    mText->setMaximumHeight(180);
    mUrl = new QLineEdit(this);
    mUrl->setObjectName(QStringLiteral("instructionsUrl"));
    mUrl->setPlaceholderText(tr("https://\u2026 (optional link to a longer guide)"));
    mSave = new QPushButton(tr("Save instructions"), this);
    mSave->setObjectName(QStringLiteral("saveInstructions"));
    mStatus = new QLabel(this);
    mStatus->setObjectName(QStringLiteral("instructionsStatus"));
    mStatus->setWordWrap(true);

    auto* form = new QFormLayout(this);
    form->addRow(tr("Text:"), mText);
    form->addRow(tr("Link:"), mUrl);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(mStatus, 1);
    buttons->addWidget(mSave);
    form->addRow(buttons);
    connect(mSave, &QPushButton::clicked, this, &InstructionsSection::save);
    reload();
}

void InstructionsSection::reload()
{
    mSession.run(
        this, [](Project& project) { return project.info(); },
        [this](const ProjectInfo& info) {
            mText->setPlainText(QString::fromStdString(info.instructions));
            mUrl->setText(QString::fromStdString(info.instructionsUrl));
        });
}

void InstructionsSection::save()
{
    const std::string text = mText->toPlainText().toStdString();
    const std::string url = mUrl->text().trimmed().toStdString();
    mStatus->setText(tr("Saving\u2026"));
    mSession.run(
        this, [text, url](Project& project) { project.setInstructions(text, url); },
        [this] { mStatus->setText(tr("Saved")); }, [this](const QString& message) { mStatus->setText(message); },
        ProjectChange::Definition);
}

QString InstructionsSection::statusText() const
{
    return mStatus->text();
}

} // namespace pixmark
