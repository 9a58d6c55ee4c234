#include "widgets/project/data/data_tab.h"

namespace pixmark {

DataTab::DataTab(ProjectSession& session, QWidget* parent) : QWidget(parent), mSession(session) {}

void DataTab::setInteractive(bool interactive)
{
    mInteractive = interactive;
}

} // namespace pixmark
