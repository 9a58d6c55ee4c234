#pragma once
// Details tab, "General": the project's name (editable), task type, creation time and state.

#include <QGroupBox>

class QLabel;
class QLineEdit;

namespace pixmark {

class ProjectSession;

/// Facts about the project. The name can be changed (core validates it; the reason for a
/// refusal shows under the field); the task type is fixed at creation.
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
    /// Renames the project (what finishing an edit of the name field does).
    void rename(const QString& name);
    /// Why the last rename was refused; empty when it was not.
    QString renameError() const;

private:
    ProjectSession& mSession;
    QLineEdit* mName = nullptr;
    QLabel* mNameError = nullptr;
    QString mSavedName;
    QLabel* mType = nullptr;
    QLabel* mCreated = nullptr;
    QLabel* mState = nullptr;
    QLabel* mFile = nullptr;
};

} // namespace pixmark
