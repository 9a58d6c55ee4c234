#pragma once
// Classification labeling: a grid of 1, 4, 6 or 9 tiles, classes tagged by key or click,
// Submit / Skip, all from the keyboard.

#include <QMainWindow>

namespace pixmark {

class ProjectSession;

class LabelingWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit LabelingWindow(ProjectSession& session, QWidget* parent = nullptr);
    void setInteractive(bool interactive);

private:
    ProjectSession& mSession;
    bool mInteractive = true;
};

} // namespace pixmark
