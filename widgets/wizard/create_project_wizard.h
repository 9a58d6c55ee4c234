#pragma once
// The project creation wizard, in the order users of the big cloud labeling services
// know: details, data, incremental refresh, label classes, instructions, ML assist,
// quality control, review and create.

#include "core/project/project_plan.h"

#include <QWizard>

#include <memory>

namespace pixmark {

class AssistPage;
class ClassesPage;
class DataPage;
class DetailsPage;
class InstructionsPage;
class QualityPage;
class RefreshPage;
class ReviewPage;

/// Collects a ProjectPlan page by page; Finish creates the project through core's
/// createProjectFromPlan. On success it emits projectCreated and closes; the caller takes
/// the open project with takeCreatedProject() and ingests plan().sources. On failure the
/// reason shows on the review page (and in a message box when interactive) and the
/// wizard stays open. Owns its pages.
class CreateProjectWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId {
        DetailsPageId,
        DataPageId,
        RefreshPageId,
        ClassesPageId,
        InstructionsPageId,
        AssistPageId,
        QualityPageId,
        ReviewPageId
    };

    explicit CreateProjectWizard(QWidget* parent = nullptr);
    ~CreateProjectWizard() override;

    /// Prefills the data page with a folder of images (a dropped folder) and suggests
    /// the project's name and location from it.
    void setDataFolder(const QString& folder);

    /// What the pages say now (whether or not each page is complete).
    ProjectPlan plan() const;
    /// The project created by Finish (open for writing), once; nullptr before.
    std::unique_ptr<Project> takeCreatedProject();

    /// Interactive (the default) allows modal dialogs; tests and screenshots turn it off.
    void setInteractive(bool interactive);
    bool isInteractive() const { return mInteractive; }

    DetailsPage* detailsPage() const { return mDetails; }
    DataPage* dataPage() const { return mData; }
    RefreshPage* refreshPage() const { return mRefresh; }
    ClassesPage* classesPage() const { return mClasses; }
    InstructionsPage* instructionsPage() const { return mInstructions; }
    AssistPage* assistPage() const { return mAssist; }
    QualityPage* qualityPage() const { return mQuality; }
    ReviewPage* reviewPage() const { return mReview; }

    /// Creates the project; closes the wizard only when that worked.
    void accept() override;

signals:
    /// Finish created the project; takeCreatedProject() hands it over.
    void projectCreated();

private:
    DetailsPage* mDetails = nullptr;
    DataPage* mData = nullptr;
    RefreshPage* mRefresh = nullptr;
    ClassesPage* mClasses = nullptr;
    InstructionsPage* mInstructions = nullptr;
    AssistPage* mAssist = nullptr;
    QualityPage* mQuality = nullptr;
    ReviewPage* mReview = nullptr;
    std::unique_ptr<Project> mCreated;
    bool mInteractive = true;
};

} // namespace pixmark
