#pragma once
// The project window's "Import labels" dialog: another tool's file or folder read into
// the project as final labels or as prelabels to review, categories matched to classes by
// name (or created), images matched by path or file name. Core imports all or nothing in
// one transaction on the project's thread; the dialog shows the report or the refusal
// (which names the file and the place of the bad input).

#include "core/model/label_import.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace pixmark {

class ProjectSession;

class ImportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ImportDialog(ProjectSession& session, QWidget* parent = nullptr);

    QComboBox* formatBox() const;
    /// The file or folder to import.
    QLineEdit* inputEdit() const;
    QRadioButton* prelabelsButton() const;
    QCheckBox* createClassesBox() const;
    QPushButton* importButton() const;
    /// The report of the last import, or why it was refused.
    QLabel* resultLabel() const;

    bool isRunning() const;
    /// The report of the last import that succeeded.
    const std::optional<LabelImportReport>& lastReport() const;

    /// Imports with the options on screen (what the Import button does).
    void startImport();

signals:
    /// An import ended: true when it was written, false when it was refused.
    void importFinished(bool imported);

private:
    void showReport(const LabelImportReport& report);
    void setRunning(bool running);

    ProjectSession& mSession;
    bool mRunning = false;
    std::optional<LabelImportReport> mReport;

    QComboBox* mFormat;
    QLabel* mFormatText;
    QLineEdit* mInput;
    QPushButton* mFile;
    QPushButton* mFolder;
    QRadioButton* mFinal;
    QRadioButton* mPrelabels;
    QCheckBox* mCreateClasses;
    QPushButton* mImport;
    QPushButton* mClose;
    QLabel* mStage;
    QLabel* mResult;
};

} // namespace pixmark
