#pragma once
// The Dashboard tab: progress, label and labeler distribution, throughput over
// time and queue composition, live while people label and ingest runs.

#include <QWidget>

namespace pixmark {

class ProjectSession;

class DashboardTab : public QWidget {
    Q_OBJECT
public:
    explicit DashboardTab(ProjectSession& session, QWidget* parent = nullptr);
    void setInteractive(bool interactive);

private:
    ProjectSession& mSession;
    bool mInteractive = true;
};

} // namespace pixmark
