#include "widgets/wizard/details_page.h"

#include "core/errors.h"
#include "core/project/naming_rules.h"
#include "core/project/project_plan.h"
#include "widgets/wizard/field_error.h"

#include <QButtonGroup>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace pixmark {

QString taskTypeDescription(TaskType type)
{
    switch (type) {
    case TaskType::ClassificationMultiClass:
        return DetailsPage::tr("One class per image, chosen with one key press in a grid of images.");
    case TaskType::ClassificationMultiLabel:
        return DetailsPage::tr("Any number of classes per image; each class's key toggles it.");
    case TaskType::ObjectDetection:
        return DetailsPage::tr("A box around every object, each box with its class.");
    case TaskType::InstanceSegmentation:
        return DetailsPage::tr("A polygon outlining every object; each outline is one instance.");
    case TaskType::SemanticSegmentation:
        return DetailsPage::tr("Every pixel painted with its class (brush, eraser and fill).");
    }
    return {};
}

DetailsPage::DetailsPage(QWidget* parent) : ValidatedPage(false, parent)
{
    setObjectName(QStringLiteral("detailsPage"));
    setTitle(tr("Project details"));
    setSubTitle(tr("Name the project and choose what labelers do with each image. The task type cannot "
                   "change later."));

    mName = new QLineEdit(this);
    mName->setObjectName(QStringLiteral("projectNameEdit"));
    mName->setPlaceholderText(tr("For example: Street birds"));
    mNameError = makeFieldError(this, QStringLiteral("projectNameError"));

    mTaskTypes = new QButtonGroup(this);
    auto* typesLayout = new QVBoxLayout;
    typesLayout->setSpacing(2);
    for (const TaskType type : allTaskTypes()) {
        auto* button = new QRadioButton(
            QString::fromUtf8(displayName(type).data(), static_cast<int>(displayName(type).size())), this);
        button->setObjectName(QStringLiteral("taskType-%1")
                                  .arg(QString::fromLatin1(toId(type).data(), static_cast<int>(toId(type).size()))));
        auto* description = makeHint(taskTypeDescription(type), this);
        description->setWordWrap(false); // one line each; wrapping labels in a form clip
        description->setContentsMargins(24, 0, 0, 6);
        mTaskTypes->addButton(button, static_cast<int>(type));
        typesLayout->addWidget(button);
        typesLayout->addWidget(description);
    }
    mTaskTypes->button(static_cast<int>(TaskType::ClassificationMultiClass))->setChecked(true);

    mLocation = new QLineEdit(this);
    mLocation->setObjectName(QStringLiteral("locationEdit"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* locationRow = new QHBoxLayout;
    locationRow->addWidget(mLocation, 1);
    locationRow->addWidget(browse);
    mLocationError = makeFieldError(this, QStringLiteral("locationError"));
    mFileLine = makeHint(QString(), this);
    mFileLine->setObjectName(QStringLiteral("projectFileLine"));
    mFileLine->setWordWrap(false);

    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(tr("&Name:"), mName);
    form->addRow(QString(), mNameError);
    form->addRow(tr("Task type:"), typesLayout);
    form->addRow(makeBuddyLabel(tr("&Location:"), mLocation), locationRow);
    form->addRow(QString(), mLocationError);
    form->addRow(QString(), mFileLine);

    suggestLocationFor(QString());
    connect(mName, &QLineEdit::textChanged, this, &DetailsPage::revalidate);
    connect(mLocation, &QLineEdit::textChanged, this, &DetailsPage::revalidate);
    connect(browse, &QPushButton::clicked, this, &DetailsPage::chooseLocation);
    revalidate();
}

QString DetailsPage::projectName() const
{
    return mName->text().trimmed();
}

TaskType DetailsPage::taskType() const
{
    return static_cast<TaskType>(mTaskTypes->checkedId());
}

void DetailsPage::setTaskType(TaskType type)
{
    mTaskTypes->button(static_cast<int>(type))->setChecked(true);
}

QString DetailsPage::location() const
{
    return mLocation->text().trimmed();
}

void DetailsPage::setLocation(const QString& folder)
{
    mLocation->setText(QDir::toNativeSeparators(folder));
}

std::filesystem::path DetailsPage::projectFile() const
{
    if (location().isEmpty())
        return {};
    try {
        const std::string name = validateProjectName(projectName().toStdString());
        return projectFileFor(std::filesystem::path(QDir::fromNativeSeparators(location()).toStdString()), name);
    } catch (const Error&) {
        return {};
    }
}

void DetailsPage::suggestLocationFor(const QString& dataFolder)
{
    // A location someone chose (typed, browsed or set) is theirs; only a suggestion of
    // ours is replaced by a better one.
    if (!location().isEmpty() && location() != mSuggestedLocation)
        return;
    QString folder;
    if (!dataFolder.isEmpty()) {
        QDir parent(dataFolder);
        folder = parent.cdUp() ? parent.absolutePath() : dataFolder;
    } else if (location().isEmpty()) {
        folder = QDir::home().filePath(tr("Pixmark Projects"));
    } else {
        return; // no data (yet): the last suggestion still stands
    }
    mSuggestedLocation = QDir::toNativeSeparators(folder);
    mLocation->setText(mSuggestedLocation);
}

void DetailsPage::revalidate()
{
    QString nameError;
    QString locationError;
    if (projectName().isEmpty()) {
        // An empty field at the start is not yet an error worth red text.
        nameError = mName->isModified() ? tr("Enter a name for the project.") : QString();
    } else {
        nameError = refusalOf([this] { validateProjectName(projectName().toStdString()); });
    }
    const std::filesystem::path file = projectFile();
    if (location().isEmpty()) {
        locationError = tr("Choose a folder for the project file.");
    } else if (!file.empty()) {
        locationError = refusalOf([&file] { validateProjectFile(file); });
    }
    showFieldError(mNameError, nameError);
    showFieldError(mLocationError, locationError);
    mFileLine->setText(file.empty()
                           ? QString()
                           : tr("Creates %1").arg(QDir::toNativeSeparators(QString::fromStdString(file.string()))));
    setValid(!projectName().isEmpty() && nameError.isEmpty() && locationError.isEmpty() && !file.empty());
}

void DetailsPage::chooseLocation()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Project Location"), location());
    if (!folder.isEmpty())
        setLocation(folder);
}

} // namespace pixmark
