#include "widgets/project/data/data_filter_bar.h"

#include "widgets/common/item_category_style.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QTimer>

namespace pixmark {

namespace {
// Ids are stored as qlonglong item data; "any" is an invalid QVariant.
template <class T>
std::optional<T> chosen(const QComboBox* box)
{
    const QVariant data = box->currentData();
    if (!data.isValid())
        return std::nullopt;
    return static_cast<T>(data.toLongLong());
}

void refill(QComboBox* box, const QString& anyText, const std::vector<std::pair<qlonglong, QString>>& entries)
{
    const QVariant previous = box->currentData();
    const QSignalBlocker blocker(box);
    box->clear();
    box->addItem(anyText);
    for (const auto& [id, text] : entries)
        box->addItem(text, id);
    const int index = previous.isValid() ? box->findData(previous) : 0;
    box->setCurrentIndex(std::max(index, 0));
}
} // namespace

DataFilterBar::DataFilterBar(QWidget* parent)
    : QWidget(parent), mCategory(new QComboBox(this)), mClass(new QComboBox(this)), mLabeler(new QComboBox(this)),
      mSource(new QComboBox(this)), mPrelabeled(new QComboBox(this)), mPath(new QLineEdit(this)),
      mTyping(new QTimer(this))
{
    mCategory->addItem(tr("All statuses"));
    for (const ItemCategory category : allItemCategories())
        mCategory->addItem(categoryName(category), static_cast<int>(category));
    refill(mClass, tr("Any class"), {});
    refill(mLabeler, tr("Any labeler"), {});
    refill(mSource, tr("Any source"), {});
    mPrelabeled->addItem(tr("Prelabeled: any"));
    mPrelabeled->addItem(tr("Prelabeled"), 1);
    mPrelabeled->addItem(tr("Not prelabeled"), 0);
    mPath->setPlaceholderText(tr("Search paths…"));
    mPath->setClearButtonEnabled(true);
    mCategory->setObjectName(QStringLiteral("categoryFilter"));
    mClass->setObjectName(QStringLiteral("classFilter"));
    mLabeler->setObjectName(QStringLiteral("labelerFilter"));
    mSource->setObjectName(QStringLiteral("sourceFilter"));
    mPrelabeled->setObjectName(QStringLiteral("prelabeledFilter"));
    mPath->setObjectName(QStringLiteral("pathFilter"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget* control : {static_cast<QWidget*>(mCategory), static_cast<QWidget*>(mClass),
                             static_cast<QWidget*>(mLabeler), static_cast<QWidget*>(mSource),
                             static_cast<QWidget*>(mPrelabeled)})
        layout->addWidget(control);
    layout->addWidget(mPath, 1);

    for (QComboBox* box : {mCategory, mClass, mLabeler, mSource, mPrelabeled})
        connect(box, &QComboBox::currentIndexChanged, this, &DataFilterBar::filterChanged);
    // A query over a million paths per key stroke would be wasted work: wait for a pause.
    mTyping->setSingleShot(true);
    mTyping->setInterval(300);
    connect(mPath, &QLineEdit::textChanged, mTyping, qOverload<>(&QTimer::start));
    connect(mTyping, &QTimer::timeout, this, &DataFilterBar::filterChanged);
}

ItemFilter DataFilterBar::filter() const
{
    ItemFilter filter;
    if (const QVariant category = mCategory->currentData(); category.isValid())
        filter.category = static_cast<ItemCategory>(category.toInt());
    filter.classId = chosen<ClassId>(mClass);
    filter.labelerId = chosen<LabelerId>(mLabeler);
    filter.sourceId = chosen<SourceId>(mSource);
    if (const QVariant prelabeled = mPrelabeled->currentData(); prelabeled.isValid())
        filter.prelabeled = prelabeled.toInt() == 1;
    filter.pathContains = mPath->text().trimmed().toStdString();
    return filter;
}

void DataFilterBar::setChoices(const std::vector<LabelClass>& classes, const std::vector<Labeler>& labelers,
                               const std::vector<DataSource>& sources)
{
    std::vector<std::pair<qlonglong, QString>> entries;
    for (const auto& labelClass : classes)
        entries.emplace_back(labelClass.id, QString::fromStdString(labelClass.name));
    refill(mClass, tr("Any class"), entries);
    entries.clear();
    for (const auto& labeler : labelers)
        entries.emplace_back(labeler.id, QString::fromStdString(labeler.name));
    refill(mLabeler, tr("Any labeler"), entries);
    entries.clear();
    for (const auto& source : sources) {
        QString text = QString::fromStdString(source.root);
        if (!source.pattern.empty())
            text += QLatin1Char('/') + QString::fromStdString(source.pattern);
        entries.emplace_back(source.id, text);
    }
    refill(mSource, tr("Any source"), entries);
}

} // namespace pixmark
