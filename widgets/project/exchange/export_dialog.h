#pragma once
// The project window's Export dialog: format, which labels, split, images copied or
// referenced, destination. The export runs on a thread of its own over a read-only
// connection (core's exportProject), so labeling goes on; it shows progress, can be
// cancelled, and ends with what reading the export back found.

#include "core/model/task_type.h"

#include <QDialog>

#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace pixmark {

class ProjectSession;

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    /// Asks the session who is exporting (leads only) and which formats fit the project's
    /// task type; the Export button is enabled once that is known.
    ExportDialog(ProjectSession& session, QWidget* parent = nullptr);
    /// Cancels a running export and waits for its thread (the partial folder is removed
    /// by core).
    ~ExportDialog() override;

    QComboBox* formatBox() const;
    QCheckBox* unreviewedBox() const;
    /// Checkable: unchecked exports one set, checked splits train/val/test by the ratios.
    QGroupBox* splitBox() const;
    QDoubleSpinBox* trainRatio() const;
    QDoubleSpinBox* valRatio() const;
    QDoubleSpinBox* testRatio() const;
    QSpinBox* seedBox() const;
    QRadioButton* copyImagesButton() const;
    QLineEdit* folderEdit() const;
    QPushButton* exportButton() const;
    QPushButton* cancelButton() const;
    QProgressBar* progressBar() const;
    /// What came of the last export (folder, counts, verification), or why it failed.
    QLabel* resultLabel() const;

    /// True once the project's formats are known and while no export runs.
    bool isReady() const;
    bool isRunning() const;
    /// True when the last export finished, was written and verified.
    bool lastExportVerified() const;
    /// The folder the last export was written to (empty before one succeeds).
    QString lastExportFolder() const;

    /// Starts the export with the options on screen (what the Export button does).
    void startExport();

signals:
    /// An export ended: written and verified, or not (failed, cancelled, problems found).
    void exportFinished(bool verified);

protected:
    void reject() override;

private:
    struct Job;
    void showFormats(TaskType taskType);
    void pollProgress();
    void finishExport();
    void setRunning(bool running);

    ProjectSession& mSession;
    QString mProjectFile;
    bool mReady = false;
    bool mVerified = false;
    QString mLastFolder;
    std::shared_ptr<Job> mJob;

    QComboBox* mFormat;
    QLabel* mFormatText;
    QCheckBox* mUnreviewed;
    QGroupBox* mSplit;
    QDoubleSpinBox* mTrain;
    QDoubleSpinBox* mVal;
    QDoubleSpinBox* mTest;
    QSpinBox* mSeed;
    QRadioButton* mReference;
    QRadioButton* mCopy;
    QLineEdit* mFolder;
    QPushButton* mBrowse;
    QPushButton* mExport;
    QPushButton* mCancel;
    QProgressBar* mProgress;
    QLabel* mStage;
    QLabel* mResult;
};

} // namespace pixmark
