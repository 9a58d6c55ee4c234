#include "widgets/project/details/details_tab.h"

#include "widgets/common/scroll_page.h"

#include "widgets/project/details/classes_section.h"
#include "widgets/project/details/general_section.h"
#include "widgets/project/details/instructions_section.h"
#include "widgets/project/details/settings_section.h"
#include "widgets/project/details/sources_section.h"
#include "widgets/project/details/storage_section.h"
#include "widgets/session/project_session.h"

#include <QVBoxLayout>

namespace pixmark {

DetailsTab::DetailsTab(ProjectSession& session, ProjectWindow& window, QWidget* parent)
    : QWidget(parent), mSession(session), mWindow(window)
{
    auto* content = new QWidget;
    mGeneral = new GeneralSection(session, content);
    mSources = new SourcesSection(session, window, content);
    mClasses = new ClassesSection(session, content);
    mInstructions = new InstructionsSection(session, content);
    mSettings = new SettingsSection(session, content);
    mStorage = new StorageSection(session, content);
    auto* column = new QVBoxLayout(content);
    column->addWidget(mGeneral);
    column->addWidget(mSources);
    column->addWidget(mClasses);
    column->addWidget(mInstructions);
    column->addWidget(mSettings);
    column->addWidget(mStorage);
    column->addStretch(1);
    content->setMaximumWidth(1100);

    fillWithScrollArea(this, content);

    // Instructions and settings are forms with edits of their own: they are read once
    // and after their own saves, so that an unrelated change never discards typing.
    connect(&mSession, &ProjectSession::changed, this, [this](ProjectChange changes) {
        if (hasChange(changes, ProjectChange::Definition)) {
            mGeneral->reload();
            mSources->reload();
        }
        if (hasChange(changes, ProjectChange::Classes))
            mClasses->reload();
    });
}

void DetailsTab::setInteractive(bool interactive)
{
    mInteractive = interactive;
    mSources->setInteractive(interactive);
    mClasses->setInteractive(interactive);
}

} // namespace pixmark
