#include "widgets/project/details/general_section.h"

#include "widgets/home/display_text.h"
#include "widgets/session/project_session.h"

#include <QDateTime>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace pixmark {

GeneralSection::GeneralSection(ProjectSession& session, QWidget* parent)
    : QGroupBox(tr("General"), parent), mSession(session)
{
    setObjectName(QStringLiteral("generalSection"));
    const auto newLabel = [this](const QString& name) {
        auto* label = new QLabel(this);
        label->setObjectName(name);
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return label;
    };
    mName = new QLineEdit(this);
    mName->setObjectName(QStringLiteral("projectName"));
    QFont nameFont = mName->font();
    nameFont.setBold(true);
    mName->setFont(nameFont);
    connect(mName, &QLineEdit::editingFinished, this, [this] {
        if (mName->text().trimmed() != mSavedName)
            rename(mName->text());
    });
    mNameError = newLabel(QStringLiteral("projectNameError"));
    mNameError->setStyleSheet(QStringLiteral("color: #c62828;"));
    mNameError->setWordWrap(true);
    mNameError->hide();
    mType = newLabel(QStringLiteral("taskType"));
    mCreated = newLabel(QStringLiteral("createdAt"));
    mState = newLabel(QStringLiteral("projectState"));
    mFile = newLabel(QStringLiteral("projectFile"));
    mFile->setText(displayPath(session.filePath()));
    auto* form = new QFormLayout(this);
    form->addRow(tr("Name:"), mName);
    form->addRow(QString(), mNameError);
    form->addRow(tr("Type:"), mType);
    form->addRow(tr("Created:"), mCreated);
    form->addRow(tr("State:"), mState);
    form->addRow(tr("File:"), mFile);
    reload();
}

void GeneralSection::reload()
{
    mSession.run(
        this, [](Project& project) { return project.info(); },
        [this](const ProjectInfo& info) {
            mSavedName = QString::fromStdString(info.name);
            if (!mName->hasFocus())
                mName->setText(mSavedName);
            const auto type = displayName(info.taskType);
            mType->setText(QString::fromUtf8(type.data(), static_cast<qsizetype>(type.size())));
            mCreated->setText(QLocale().toString(QDateTime::fromMSecsSinceEpoch(info.createdAt), QLocale::LongFormat));
            mState->setText(info.state == ProjectState::Running ? tr("Running") : tr("Paused"));
        });
}

QString GeneralSection::nameText() const
{
    return mName->text();
}

void GeneralSection::rename(const QString& name)
{
    mSession.run(
        this, [name = name.toStdString()](Project& project) { project.rename(name); },
        [this] {
            mNameError->clear();
            mNameError->hide();
            reload();
        },
        [this](const QString& message) {
            mNameError->setText(message);
            mNameError->show();
            mName->setText(mSavedName);
        },
        ProjectChange::Definition);
}

QString GeneralSection::renameError() const
{
    return mNameError->text();
}

QString GeneralSection::stateText() const
{
    return mState->text();
}

} // namespace pixmark
