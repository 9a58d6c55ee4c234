#include "widgets/wizard/assist_page.h"

#include "core/errors.h"
#include "widgets/wizard/create_project_wizard.h"
#include "widgets/wizard/details_page.h"
#include "widgets/wizard/field_error.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace pixmark {

namespace {
QString assistDoes(TaskType type)
{
    switch (type) {
    case TaskType::ClassificationMultiClass:
        return AssistPage::tr("A classifier trained on your labels suggests each image's class, and similar "
                              "images are grouped onto the same pages.");
    case TaskType::ClassificationMultiLabel:
        return AssistPage::tr("A multi-label classifier suggests the classes of each image, and similar images "
                              "are grouped onto the same pages.");
    case TaskType::ObjectDetection:
        return AssistPage::tr("A detector trained on your boxes draws suggested boxes that labelers accept or fix.");
    case TaskType::InstanceSegmentation:
        return AssistPage::tr("A model trained on your outlines suggests polygons for each object.");
    case TaskType::SemanticSegmentation:
        return AssistPage::tr("A segmenter trained on your masks paints suggested masks to correct.");
    }
    return {};
}
} // namespace

AssistPage::AssistPage(QWidget* parent) : ValidatedPage(true, parent)
{
    setObjectName(QStringLiteral("assistPage"));
    setTitle(tr("ML assist"));
    setSubTitle(tr("Pixmark trains a model on this machine from the labels people make and uses it to prelabel "
                   "the rest."));

    mEnabled = new QCheckBox(tr("&Use ML assist"), this);
    mEnabled->setObjectName(QStringLiteral("assistEnabledCheck"));
    mStartAfter = new QSpinBox(this);
    mStartAfter->setObjectName(QStringLiteral("assistStartSpin"));
    // Wider than core allows, so that a typed value outside it is explained, not clamped.
    mStartAfter->setRange(0, 1000000);
    mStartAfter->setSingleStep(10);
    mStartAfter->setSuffix(tr(" labeled items"));
    mWhat = makeHint(QString(), this);
    mError = makeFieldError(this, QStringLiteral("assistError"));

    auto* form = new QFormLayout;
    form->setContentsMargins(24, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(tr("&Start after:"), mStartAfter);
    form->addRow(QString(), mError);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(mEnabled);
    layout->addWidget(mWhat);
    layout->addSpacing(6);
    layout->addLayout(form);
    layout->addWidget(makeHint(tr("Training uses the GPU when there is one. Prelabels are suggestions: nothing "
                                  "counts as labeled until a person submits it."),
                               this));
    layout->addStretch();

    setSettings(AssistSettings{});
    connect(mEnabled, &QCheckBox::toggled, this, &AssistPage::revalidate);
    connect(mStartAfter, &QSpinBox::valueChanged, this, &AssistPage::revalidate);
    revalidate();
}

AssistSettings AssistPage::settings() const
{
    return AssistSettings{mEnabled->isChecked(), mStartAfter->value()};
}

void AssistPage::setSettings(const AssistSettings& settings)
{
    mEnabled->setChecked(settings.enabled);
    mStartAfter->setValue(settings.startAfterLabels);
}

void AssistPage::initializePage()
{
    if (const auto* created = qobject_cast<CreateProjectWizard*>(wizard()))
        mWhat->setText(assistDoes(created->detailsPage()->taskType()));
}

void AssistPage::revalidate()
{
    mStartAfter->setEnabled(mEnabled->isChecked());
    showValidity(mError, refusalOf([this] { validate(settings()); }));
}

} // namespace pixmark
