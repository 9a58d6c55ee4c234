#pragma once
// Details tab, "Instructions": the text labelers see and a link to a longer guide.

#include <QGroupBox>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace pixmark {

class ProjectSession;

/// Writes with ProjectChange::Definition when saved; never reloads over unsaved typing.
class InstructionsSection : public QGroupBox {
    Q_OBJECT
public:
    /// Reads the instructions at once.
    explicit InstructionsSection(ProjectSession& session, QWidget* parent = nullptr);
    /// Reads the instructions again (edits not saved are replaced).
    void reload();
    /// Writes the edited text and link (what the Save button does).
    void save();

    /// The text and link fields, for tests.
    QPlainTextEdit* textEdit() const { return mText; }
    QLineEdit* urlEdit() const { return mUrl; }
    /// The last save's outcome ("Saved", or core's message); empty before one.
    QString statusText() const;

private:
    ProjectSession& mSession;
    QPlainTextEdit* mText = nullptr;
    QLineEdit* mUrl = nullptr;
    QPushButton* mSave = nullptr;
    QLabel* mStatus = nullptr;
};

} // namespace pixmark
