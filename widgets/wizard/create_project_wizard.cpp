#include "widgets/wizard/create_project_wizard.h"

#include "core/errors.h"
#include "widgets/wizard/assist_page.h"
#include "widgets/wizard/classes_page.h"
#include "widgets/wizard/data_page.h"
#include "widgets/wizard/details_page.h"
#include "widgets/wizard/instructions_page.h"
#include "widgets/wizard/quality_page.h"
#include "widgets/wizard/refresh_page.h"
#include "widgets/wizard/review_page.h"

#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QMessageBox>

#include <exception>

namespace pixmark {

CreateProjectWizard::CreateProjectWizard(QWidget* parent) : QWizard(parent)
{
    setObjectName(QStringLiteral("createProjectWizard"));
    setWindowTitle(tr("New Project"));
    // The same look on every platform, so the documentation's pictures match.
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::HaveHelpButton, false);
    setButtonText(QWizard::FinishButton, tr("&Create Project"));

    mDetails = new DetailsPage(this);
    mData = new DataPage(this);
    mRefresh = new RefreshPage(this);
    mClasses = new ClassesPage(this);
    mInstructions = new InstructionsPage(this);
    mAssist = new AssistPage(this);
    mQuality = new QualityPage(this);
    mReview = new ReviewPage(this);
    setPage(DetailsPageId, mDetails);
    setPage(DataPageId, mData);
    setPage(RefreshPageId, mRefresh);
    setPage(ClassesPageId, mClasses);
    setPage(InstructionsPageId, mInstructions);
    setPage(AssistPageId, mAssist);
    setPage(QualityPageId, mQuality);
    setPage(ReviewPageId, mReview);
    setStartId(DetailsPageId);

    connect(mData, &DataPage::dataFolderChanged, mDetails, &DetailsPage::suggestLocationFor);
    setMinimumSize(720, 600);
    resize(760, 640);
}

CreateProjectWizard::~CreateProjectWizard() = default;

void CreateProjectWizard::setDataFolder(const QString& folder)
{
    const QString absolute = QFileInfo(folder).absoluteFilePath();
    mData->setFolder(absolute);
    mDetails->suggestLocationFor(absolute);
    auto* name = mDetails->findChild<QLineEdit*>(QStringLiteral("projectNameEdit"));
    if (name && name->text().isEmpty())
        name->setText(QFileInfo(absolute).fileName());
}

ProjectPlan CreateProjectWizard::plan() const
{
    ProjectPlan plan;
    plan.name = mDetails->projectName().toStdString();
    plan.file = mDetails->projectFile();
    plan.taskType = mDetails->taskType();
    if (auto source = mData->request()) {
        source->incrementalRefresh = mRefresh->incrementalRefresh();
        source->refreshIntervalSeconds = mRefresh->intervalSeconds();
        plan.sources.push_back(std::move(*source));
    }
    plan.classes = mClasses->classes();
    plan.instructions = mInstructions->instructionsMarkdown().toStdString();
    plan.instructionsUrl = mInstructions->url().toStdString();
    plan.assist = mAssist->settings();
    plan.quality = mQuality->settings();
    return plan;
}

std::unique_ptr<Project> CreateProjectWizard::takeCreatedProject()
{
    return std::move(mCreated);
}

void CreateProjectWizard::setInteractive(bool interactive)
{
    mInteractive = interactive;
    mClasses->setInteractive(interactive);
}

void CreateProjectWizard::accept()
{
    QString failure;
    try {
        mCreated = createProjectFromPlan(plan());
    } catch (const Error& error) {
        failure = QString::fromUtf8(error.what());
    } catch (const std::exception& error) {
        failure = tr("Pixmark could not create the project: %1").arg(QString::fromUtf8(error.what()));
    }
    if (!failure.isEmpty()) {
        mReview->showCreateError(failure);
        if (mInteractive)
            QMessageBox::warning(this, tr("Cannot create project"), failure);
        return;
    }
    emit projectCreated();
    QWizard::accept();
}

} // namespace pixmark
