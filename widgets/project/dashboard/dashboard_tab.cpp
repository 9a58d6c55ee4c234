#include "widgets/project/dashboard/dashboard_tab.h"

namespace pixmark {

DashboardTab::DashboardTab(ProjectSession& session, QWidget* parent) : QWidget(parent), mSession(session) {}

void DashboardTab::setInteractive(bool interactive)
{
    mInteractive = interactive;
}

} // namespace pixmark
