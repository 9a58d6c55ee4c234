#pragma once
// Details tab, "General": the project's name, task type, creation time and state.

#include <QGroupBox>

class QLabel;

namespace pixmark {

class ProjectSession;

/// Read-only facts about the project; the name and task type are fixed at creation.
class GeneralSection : public QGroupBox {
    Q_OBJECT
public:
    /// Reads the project info at once.
    explicit GeneralSection(ProjectSession& session, QWidget* parent = nullptr);
    /// Reads the project info again.
    void reload();

    /// The name and state as shown.
    QString nameText() const;
    QString stateText() const;

private:
    ProjectSession& mSession;
    QLabel* mName = nullptr;
    QLabel* mType = nullptr;
    QLabel* mCreated = nullptr;
    QLabel* mState = nullptr;
    QLabel* mFile = nullptr;
};

} // namespace pixmark
