#include "widgets/project/details/details_tab.h"

namespace pixmark {

DetailsTab::DetailsTab(ProjectSession& session, ProjectWindow& window, QWidget* parent)
    : QWidget(parent), mSession(session), mWindow(window)
{
}

void DetailsTab::setInteractive(bool interactive)
{
    mInteractive = interactive;
}

} // namespace pixmark
