#include "widgets/wizard/refresh_page.h"

#include "widgets/wizard/create_project_wizard.h"
#include "widgets/wizard/data_page.h"
#include "widgets/wizard/field_error.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace pixmark {

RefreshPage::RefreshPage(QWidget* parent) : QWizardPage(parent)
{
    setObjectName(QStringLiteral("refreshPage"));
    setTitle(tr("Incremental refresh"));
    setSubTitle(tr("Keep the project in step with its data: new images join the queue, vanished ones are "
                   "marked missing. Labels are never deleted."));

    mRefresh = new QCheckBox(tr("Look for new and removed images &automatically"), this);
    mRefresh->setObjectName(QStringLiteral("incrementalRefreshCheck"));
    mMinutes = new QSpinBox(this);
    mMinutes->setObjectName(QStringLiteral("refreshMinutesSpin"));
    mMinutes->setRange(0, 7 * 24 * 60);
    mMinutes->setSuffix(tr(" min"));
    mMinutes->setSpecialValueText(tr("only while open"));
    mMinutes->setValue(0);
    auto* intervalRow = new QHBoxLayout;
    intervalRow->setContentsMargins(24, 0, 0, 0);
    intervalRow->addWidget(new QLabel(tr("Also check every:"), this));
    intervalRow->addWidget(mMinutes);
    intervalRow->addStretch();
    mUnavailable = makeHint(QString(), this);
    mUnavailable->setObjectName(QStringLiteral("refreshUnavailable"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(mRefresh);
    layout->addLayout(intervalRow);
    layout->addWidget(makeHint(tr("While the project is open, folders are watched and new images appear within "
                                  "seconds. The interval also rescans when nothing announced a change (network "
                                  "drives). You can refresh by hand at any time from the Data tab."),
                               this));
    layout->addWidget(mUnavailable);
    layout->addStretch();
    connect(mRefresh, &QCheckBox::toggled, this, &RefreshPage::updateEnabled);
    updateEnabled();
}

bool RefreshPage::incrementalRefresh() const
{
    return mAvailable && mRefresh->isChecked();
}

void RefreshPage::setIncrementalRefresh(bool on)
{
    mRefresh->setChecked(on);
}

int RefreshPage::intervalSeconds() const
{
    return incrementalRefresh() ? mMinutes->value() * 60 : 0;
}

void RefreshPage::setIntervalMinutes(int minutes)
{
    mMinutes->setValue(minutes);
}

void RefreshPage::initializePage()
{
    const auto* created = qobject_cast<CreateProjectWizard*>(wizard());
    const DataPage::Choice choice = created ? created->dataPage()->choice() : DataPage::Choice::Folder;
    mAvailable = choice != DataPage::Choice::Files && choice != DataPage::Choice::Later;
    mUnavailable->setText(choice == DataPage::Choice::Files
                              ? tr("A list of single files has nothing new to find; choose a folder, a pattern or "
                                   "a manifest to refresh.")
                          : choice == DataPage::Choice::Later ? tr("There is no data source yet; refresh is set "
                                                                   "when you add one.")
                                                              : QString());
    mUnavailable->setVisible(!mAvailable);
    updateEnabled();
}

void RefreshPage::updateEnabled()
{
    mRefresh->setEnabled(mAvailable);
    mMinutes->setEnabled(mAvailable && mRefresh->isChecked());
}

} // namespace pixmark
