#include "widgets/common/scroll_page.h"

#include <QScrollArea>
#include <QVBoxLayout>

namespace pixmark {

void fillWithScrollArea(QWidget* page, QWidget* content)
{
    auto* scroll = new QScrollArea(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
}

} // namespace pixmark
