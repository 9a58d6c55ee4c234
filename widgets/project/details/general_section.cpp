#include "widgets/project/details/general_section.h"

#include "widgets/home/display_text.h"
#include "widgets/session/project_session.h"

#include <QDateTime>
#include <QFormLayout>
#include <QLabel>

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
    mName = newLabel(QStringLiteral("projectName"));
    scaleFont(mName, 1.2, true);
    mType = newLabel(QStringLiteral("taskType"));
    mCreated = newLabel(QStringLiteral("createdAt"));
    mState = newLabel(QStringLiteral("projectState"));
    mFile = newLabel(QStringLiteral("projectFile"));
    mFile->setText(displayPath(session.filePath()));
    auto* form = new QFormLayout(this);
    form->addRow(tr("Name:"), mName);
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
            mName->setText(QString::fromStdString(info.name));
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

QString GeneralSection::stateText() const
{
    return mState->text();
}

} // namespace pixmark
