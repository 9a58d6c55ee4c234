#include "widgets/labeling/labeling_window.h"

namespace pixmark {

LabelingWindow::LabelingWindow(ProjectSession& session, QWidget* parent) : QMainWindow(parent), mSession(session) {}

void LabelingWindow::setInteractive(bool interactive)
{
    mInteractive = interactive;
}

} // namespace pixmark
