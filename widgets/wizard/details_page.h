#pragma once
// Wizard page 1: the project's name, task type (with what each one is for) and the
// folder its file goes into.

#include "core/model/task_type.h"
#include "widgets/wizard/validated_page.h"

#include <filesystem>

class QButtonGroup;
class QLabel;
class QLineEdit;

namespace pixmark {

/// Name, task type and location. Complete when the name is valid and NAME.pixmark can
/// be created in the location; otherwise the reason shows under the field.
class DetailsPage : public ValidatedPage {
    Q_OBJECT
public:
    explicit DetailsPage(QWidget* parent = nullptr);

    QString projectName() const;
    TaskType taskType() const;
    void setTaskType(TaskType type);
    /// The folder the project file goes into.
    QString location() const;
    void setLocation(const QString& folder);
    /// location/NAME.pixmark (empty while the name is invalid).
    std::filesystem::path projectFile() const;
    /// The default location: the parent of dataFolder (so the project's cache is not
    /// inside the data it indexes) or ~/Pixmark Projects. Keeps a location chosen by hand.
    void suggestLocationFor(const QString& dataFolder);


private:
    void revalidate();
    void chooseLocation();

    QLineEdit* mName = nullptr;
    QButtonGroup* mTaskTypes = nullptr;
    QLineEdit* mLocation = nullptr;
    QLabel* mNameError = nullptr;
    QLabel* mLocationError = nullptr;
    QLabel* mFileLine = nullptr;
    QString mSuggestedLocation; ///< what suggestLocationFor put in the field last
};

/// One line about what a task type is for, shown beside its choice.
QString taskTypeDescription(TaskType type);

} // namespace pixmark
