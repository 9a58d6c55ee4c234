#pragma once
// Details tab, "Sources": where the images come from, when each source was last
// refreshed, incremental refresh on/off with its interval, "Refresh now" and "Add
// source…". Refreshes and additions run as ingest jobs of the project window.

#include "core/ingest/source_request.h"
#include "core/model/data_source.h"

#include <QGroupBox>

#include <functional>
#include <vector>

class QLabel;
class QPushButton;
class QTableWidget;
class QTableWidgetItem;

namespace pixmark {

class IngestJob;
class ProjectSession;
class ProjectWindow;

/// Refresh settings are written with ProjectChange::Definition.
class SourcesSection : public QGroupBox {
    Q_OBJECT
public:
    enum Column {
        KindColumn,
        LocationColumn,
        ItemsColumn,
        IncrementalColumn,
        IntervalColumn,
        LastRefreshColumn,
        RefreshColumn,
        ColumnCount
    };

    /// window runs the ingest jobs; both must outlive the section.
    SourcesSection(ProjectSession& session, ProjectWindow& window, QWidget* parent = nullptr);
    /// Interactive: "Add source…" opens AddSourceDialog (otherwise it does nothing).
    void setInteractive(bool interactive);

    /// Reads the sources again; reloaded() follows.
    void reload();
    /// Turns incremental refresh on or off and sets the interval (seconds, 0: on demand).
    void setRefresh(SourceId id, bool incremental, int intervalSeconds);
    /// Starts an ingest job that refreshes the source (the row's button).
    IngestJob* refreshNow(SourceId id);
    /// Starts an ingest job that adds the source (what the dialog's OK does).
    IngestJob* addSource(const ingest::SourceRequest& request);

    /// One row per source, columns as in Column (interval and refresh are cell widgets).
    QTableWidget* table() const { return mTable; }
    /// The sources as last shown, in table order.
    const std::vector<DataSource>& sources() const { return mSources; }
    /// Core's message for the last refused change; empty after a successful one.
    QString errorText() const;

signals:
    void reloaded();
    /// A refresh setting was written (ok) or refused.
    void editFinished(bool ok);

private:
    void onItemChanged(QTableWidgetItem* item);
    /// Reloads when the job ends (its last refresh time is written then).
    void follow(IngestJob* job);

    ProjectSession& mSession;
    ProjectWindow& mWindow;
    bool mInteractive = true;
    bool mLoading = false;
    std::vector<DataSource> mSources;
    QTableWidget* mTable = nullptr;
    QPushButton* mAdd = nullptr;
    QLabel* mError = nullptr;
};

} // namespace pixmark
