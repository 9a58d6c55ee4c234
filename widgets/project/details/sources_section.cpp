#include "widgets/project/details/sources_section.h"

#include "widgets/project/details/add_source_dialog.h"
#include "widgets/project/details/fit_table.h"
#include "widgets/project/project_window.h"
#include "widgets/session/ingest_job.h"
#include "widgets/session/project_session.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pixmark {

namespace {
QString kindName(SourceKind kind)
{
    switch (kind) {
    case SourceKind::Files:
        return SourcesSection::tr("Files");
    case SourceKind::Folder:
        return SourcesSection::tr("Folder");
    case SourceKind::Glob:
        return SourcesSection::tr("Glob");
    case SourceKind::Manifest:
        return SourcesSection::tr("Manifest");
    }
    return {};
}

QString locationOf(const DataSource& source)
{
    QString location = QString::fromStdString(source.root);
    if (source.kind == SourceKind::Glob)
        location += QLatin1Char('/') + QString::fromStdString(source.pattern);
    if (source.kind == SourceKind::Files && location.isEmpty())
        location = SourcesSection::tr("(a list of files)");
    return location;
}
} // namespace

SourcesSection::SourcesSection(ProjectSession& session, ProjectWindow& window, QWidget* parent)
    : QGroupBox(tr("Sources"), parent), mSession(session), mWindow(window)
{
    setObjectName(QStringLiteral("sourcesSection"));
    mTable = new QTableWidget(0, ColumnCount, this);
    mTable->setObjectName(QStringLiteral("sourcesTable"));
    mTable->setHorizontalHeaderLabels(
        {tr("Kind"), tr("Location"), tr("Items"), tr("Incremental"), tr("Refresh every"), tr("Last refresh"), QString()});
    mTable->horizontalHeader()->setSectionResizeMode(LocationColumn, QHeaderView::Stretch);
    mTable->verticalHeader()->hide();
    fitTableHeight(mTable, 1, 8);
    mTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mTable->setSelectionMode(QAbstractItemView::NoSelection);
    mAdd = new QPushButton(tr("Add source\u2026"), this);
    mAdd->setObjectName(QStringLiteral("addSource"));
    mError = new QLabel(this);
    mError->setObjectName(QStringLiteral("sourcesError"));
    mError->setStyleSheet(QStringLiteral("QLabel#sourcesError { color: #b3261e; }"));
    mError->setWordWrap(true);
    mError->hide();

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(mError, 1);
    buttons->addStretch();
    buttons->addWidget(mAdd);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(mTable);
    layout->addLayout(buttons);

    connect(mTable, &QTableWidget::itemChanged, this, &SourcesSection::onItemChanged);
    connect(mAdd, &QPushButton::clicked, this, [this] {
        if (!mInteractive)
            return;
        AddSourceDialog dialog(this);
        if (dialog.exec() == QDialog::Accepted)
            addSource(dialog.request());
    });
    reload();
}

void SourcesSection::setInteractive(bool interactive)
{
    mInteractive = interactive;
}

void SourcesSection::reload()
{
    mSession.run(
        this, [](Project& project) { return std::make_pair(project.sources(), project.itemCountsBySource()); },
        [this](std::pair<std::vector<DataSource>, std::map<SourceId, std::int64_t>> read) {
            mSources = std::move(read.first);
            const auto& counts = read.second;
            mLoading = true;
            mTable->setRowCount(static_cast<int>(mSources.size()));
            for (int row = 0; row < mTable->rowCount(); ++row) {
                const DataSource& source = mSources[static_cast<std::size_t>(row)];
                const SourceId id = source.id;
                mTable->setItem(row, KindColumn, new QTableWidgetItem(kindName(source.kind)));
                auto* location = new QTableWidgetItem(locationOf(source));
                location->setToolTip(location->text());
                mTable->setItem(row, LocationColumn, location);
                const auto count = counts.find(id);
                auto* items = new QTableWidgetItem(
                    QLocale().toString(static_cast<qlonglong>(count == counts.end() ? 0 : count->second)));
                items->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                mTable->setItem(row, ItemsColumn, items);
                auto* incremental = new QTableWidgetItem;
                incremental->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
                incremental->setCheckState(source.incrementalRefresh ? Qt::Checked : Qt::Unchecked);
                incremental->setData(Qt::UserRole, QVariant::fromValue<qlonglong>(id));
                mTable->setItem(row, IncrementalColumn, incremental);

                auto* interval = new QSpinBox(mTable);
                interval->setObjectName(QStringLiteral("interval%1").arg(id));
                interval->setRange(0, 7 * 24 * 60);
                interval->setSuffix(tr(" min"));
                interval->setSpecialValueText(tr("on demand"));
                interval->setValue(source.refreshIntervalSeconds / 60);
                interval->setEnabled(source.incrementalRefresh);
                connect(interval, &QSpinBox::editingFinished, this, [this, id, interval] {
                    for (const DataSource& current : mSources)
                        if (current.id == id && current.refreshIntervalSeconds != interval->value() * 60)
                            setRefresh(id, current.incrementalRefresh, interval->value() * 60);
                });
                mTable->setCellWidget(row, IntervalColumn, interval);

                const QString last = source.lastRefreshAt
                                         ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(*source.lastRefreshAt),
                                                              QLocale::ShortFormat)
                                         : tr("never");
                mTable->setItem(row, LastRefreshColumn, new QTableWidgetItem(last));
                auto* refresh = new QPushButton(tr("Refresh now"), mTable);
                refresh->setObjectName(QStringLiteral("refresh%1").arg(id));
                connect(refresh, &QPushButton::clicked, this, [this, id] { refreshNow(id); });
                mTable->setCellWidget(row, RefreshColumn, refresh);
            }
            mTable->resizeColumnsToContents();
            mTable->horizontalHeader()->setSectionResizeMode(LocationColumn, QHeaderView::Stretch);
            mLoading = false;
            fitTableHeight(mTable, 1, 8);
            emit reloaded();
        });
}

void SourcesSection::setRefresh(SourceId id, bool incremental, int intervalSeconds)
{
    mSession.run(
        this,
        [id, incremental, intervalSeconds](Project& project) {
            project.setSourceRefresh(id, incremental, intervalSeconds);
        },
        [this] {
            mError->hide();
            emit editFinished(true);
        },
        [this](const QString& message) {
            mError->setText(message);
            mError->show();
            reload();
            emit editFinished(false);
        },
        ProjectChange::Definition);
}

IngestJob* SourcesSection::refreshNow(SourceId id)
{
    IngestJob* job = mWindow.startIngestJob();
    follow(job);
    job->startRefresh(id);
    return job;
}

IngestJob* SourcesSection::addSource(const ingest::SourceRequest& request)
{
    IngestJob* job = mWindow.startIngestJob();
    follow(job);
    job->startAdd(request);
    return job;
}

QString SourcesSection::errorText() const
{
    return mError->isHidden() ? QString() : mError->text();
}

void SourcesSection::onItemChanged(QTableWidgetItem* item)
{
    if (mLoading || item->column() != IncrementalColumn)
        return;
    const SourceId id = item->data(Qt::UserRole).toLongLong();
    const bool incremental = item->checkState() == Qt::Checked;
    for (const DataSource& source : mSources)
        if (source.id == id)
            setRefresh(id, incremental, source.refreshIntervalSeconds);
}

void SourcesSection::follow(IngestJob* job)
{
    connect(job, &IngestJob::finished, this, &SourcesSection::reload);
    connect(job, &IngestJob::failed, this, [this](const QString& message) {
        mError->setText(message);
        mError->show();
        reload();
    });
}

} // namespace pixmark
