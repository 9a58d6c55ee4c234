#pragma once
// Wizard page 2: where the images come from (a folder, files, a pattern or a manifest
// with its columns mapped) and whether they are referenced or copied.

#include "core/ingest/source_request.h"

#include <QStringList>
#include "widgets/wizard/validated_page.h"

#include <optional>

class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QRadioButton;
class QStackedWidget;

namespace pixmark {

/// The data source of the new project. Complete when the chosen source exists (or
/// "add data later" is chosen); the reason shows under the fields otherwise.
class DataPage : public ValidatedPage {
    Q_OBJECT
public:
    /// The choices, in the order shown (also the radio buttons' ids).
    enum class Choice { Folder, Files, Glob, Manifest, Later };

    explicit DataPage(QWidget* parent = nullptr);

    Choice choice() const;
    void setChoice(Choice choice);
    /// Prefills the folder choice (a dropped folder, the command line).
    void setFolder(const QString& folder);
    /// Adds files to the file list (what "Add Files…" does after its dialog).
    void addFiles(const QStringList& files);
    /// The request as the fields describe it, without refresh settings; nullopt for
    /// "add data later".
    std::optional<ingest::SourceRequest> request() const;
    /// The folder the data lives in (for the default project location); may be empty.
    QString dataFolder() const;


signals:
    /// The data folder changed (the details page suggests a location from it).
    void dataFolderChanged(const QString& folder);

private:
    QWidget* createFolderPanel();
    QWidget* createFilesPanel();
    QWidget* createGlobPanel();
    QWidget* createManifestPanel();
    void readManifestColumns();
    void revalidate();

    QButtonGroup* mChoices = nullptr;
    QStackedWidget* mPanels = nullptr;
    QLineEdit* mFolder = nullptr;
    QListWidget* mFiles = nullptr;
    QLineEdit* mGlobRoot = nullptr;
    QLineEdit* mGlobPattern = nullptr;
    QLineEdit* mManifest = nullptr;
    QComboBox* mImageColumn = nullptr;
    QComboBox* mLabelColumn = nullptr;
    QRadioButton* mLabelsFinal = nullptr;
    QLabel* mManifestInfo = nullptr;
    QRadioButton* mCopy = nullptr;
    QRadioButton* mReference = nullptr;
    QLabel* mError = nullptr;
};

} // namespace pixmark
