#pragma once
// The Details tab: name, type, sources (add, refresh, incremental refresh), classes,
// instructions, storage and cache size, settings.

#include <QWidget>

namespace pixmark {

class ClassesSection;
class GeneralSection;
class InstructionsSection;
class ProjectSession;
class ProjectWindow;
class SettingsSection;
class SourcesSection;
class StorageSection;

/// The sections, one below the other in a scroll area. Each reads and writes the project
/// through the session; this tab reloads the ones whose data a change touched.
class DetailsTab : public QWidget {
    Q_OBJECT
public:
    /// window starts ingest jobs for "add source" and "refresh now".
    DetailsTab(ProjectSession& session, ProjectWindow& window, QWidget* parent = nullptr);
    /// Interactive allows modal dialogs (add source, label reset mode, color).
    void setInteractive(bool interactive);

    // The sections (owned by the tab), for tests and for other windows that link here.
    GeneralSection* generalSection() const { return mGeneral; }
    SourcesSection* sourcesSection() const { return mSources; }
    ClassesSection* classesSection() const { return mClasses; }
    InstructionsSection* instructionsSection() const { return mInstructions; }
    StorageSection* storageSection() const { return mStorage; }
    SettingsSection* settingsSection() const { return mSettings; }

private:
    ProjectSession& mSession;
    ProjectWindow& mWindow;
    bool mInteractive = true;
    GeneralSection* mGeneral = nullptr;
    SourcesSection* mSources = nullptr;
    ClassesSection* mClasses = nullptr;
    InstructionsSection* mInstructions = nullptr;
    StorageSection* mStorage = nullptr;
    SettingsSection* mSettings = nullptr;
};

} // namespace pixmark
