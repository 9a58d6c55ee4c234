#pragma once
// Details tab, "Instructions": the text labelers see and a link to a longer guide.

#include <QGroupBox>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace pixmark {

class ProjectSession;

class InstructionsSection : public QGroupBox {
    Q_OBJECT
public:
    explicit InstructionsSection(ProjectSession& session, QWidget* parent = nullptr);
    /// Reads the instructions again (edits not saved are replaced).
    void reload();
    /// Writes the edited text and link (what the Save button does).
    void save();

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
