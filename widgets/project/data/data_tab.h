#pragma once
// The Data tab: every item in a virtualized thumbnail grid with filters, an item view
// with current labels and full history, and Reject / Approve for one or many items.

#include <QWidget>

namespace pixmark {

class ProjectSession;

class DataTab : public QWidget {
    Q_OBJECT
public:
    explicit DataTab(ProjectSession& session, QWidget* parent = nullptr);
    void setInteractive(bool interactive);

private:
    ProjectSession& mSession;
    bool mInteractive = true;
};

} // namespace pixmark
