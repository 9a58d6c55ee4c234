#include "widgets/wizard/quality_page.h"

#include "core/errors.h"
#include "widgets/wizard/field_error.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace pixmark {

QualityPage::QualityPage(QWidget* parent) : ValidatedPage(true, parent)
{
    setObjectName(QStringLiteral("qualityPage"));
    setTitle(tr("Quality control"));
    setSubTitle(tr("Ask several labelers per item and keep the label they agree on, and have a reviewer approve "
                   "labels before they count."));

    mConsensus = new QCheckBox(tr("&Consensus: several labelers label each item"), this);
    mConsensus->setObjectName(QStringLiteral("consensusCheck"));
    mLabelers = new QSpinBox(this);
    mLabelers->setObjectName(QStringLiteral("labelersPerItemSpin"));
    // Wider than core allows, so that a typed value outside it is explained, not clamped.
    mLabelers->setRange(1, 99);
    mLabelers->setSuffix(tr(" labelers per item"));
    mError = makeFieldError(this, QStringLiteral("qualityError"));
    mReview = new QCheckBox(tr("&Review: a reviewer approves or rejects every label"), this);
    mReview->setObjectName(QStringLiteral("reviewRequiredCheck"));

    auto* form = new QFormLayout;
    form->setContentsMargins(24, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(tr("&Labelers:"), mLabelers);
    form->addRow(QString(), mError);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(mConsensus);
    layout->addLayout(form);
    layout->addWidget(makeHint(tr("Consensus works across work packages: merge them and the labels of different "
                                  "people on the same item are compared."),
                               this));
    layout->addSpacing(10);
    layout->addWidget(mReview);
    layout->addStretch();

    setSettings(QualitySettings{});
    connect(mConsensus, &QCheckBox::toggled, this, [this](bool on) {
        // The one sensible count follows the switch; any other value is the person's choice.
        if (on && mLabelers->value() < 2)
            mLabelers->setValue(3);
        else if (!on)
            mLabelers->setValue(1);
        revalidate();
    });
    connect(mLabelers, &QSpinBox::valueChanged, this, &QualityPage::revalidate);
    connect(mReview, &QCheckBox::toggled, this, &QualityPage::revalidate);
    revalidate();
}

QualitySettings QualityPage::settings() const
{
    return QualitySettings{mConsensus->isChecked(), mLabelers->value(), mReview->isChecked()};
}

void QualityPage::setSettings(const QualitySettings& settings)
{
    mConsensus->setChecked(settings.consensus);
    mLabelers->setValue(settings.labelersPerItem);
    mReview->setChecked(settings.reviewRequired);
}

void QualityPage::revalidate()
{
    mLabelers->setEnabled(mConsensus->isChecked());
    showValidity(mError, refusalOf([this] { validate(settings()); }));
}

} // namespace pixmark
