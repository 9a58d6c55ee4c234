#pragma once
// The Details tab: name, type, sources (add, refresh, incremental refresh), classes,
// instructions, storage and cache size, settings.

#include <QWidget>

namespace pixmark {

class ProjectSession;
class ProjectWindow;

class DetailsTab : public QWidget {
    Q_OBJECT
public:
    /// window starts ingest jobs for "add source" and "refresh now".
    DetailsTab(ProjectSession& session, ProjectWindow& window, QWidget* parent = nullptr);
    void setInteractive(bool interactive);

private:
    ProjectSession& mSession;
    ProjectWindow& mWindow;
    bool mInteractive = true;
};

} // namespace pixmark
