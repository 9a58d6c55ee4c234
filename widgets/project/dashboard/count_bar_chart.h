#pragma once
// A horizontal bar chart of named counts, each bar in its own color: the dashboard's
// label distribution (class colors) and queue composition.

#include <QColor>
#include <QList>
#include <QString>
#include <QtCharts/QChartView>

#include <cstdint>

namespace pixmark {

/// Owned by its parent widget; entries are copied.
class CountBarChart : public QChartView {
    Q_OBJECT
public:
    /// One bar: its label, length and color.
    struct Entry {
        QString name;
        std::int64_t count = 0;
        QColor color;
    };

    /// title is the chart's heading; emptyText is shown when there are no entries.
    CountBarChart(const QString& title, const QString& emptyText, QWidget* parent = nullptr);

    /// Replaces the bars, top to bottom in the order given.
    void setEntries(const QList<Entry>& entries);
    /// The count shown for name (-1 when there is no such bar).
    std::int64_t count(const QString& name) const;
    /// Bars shown.
    int entryCount() const { return static_cast<int>(mEntries.size()); }

private:
    QString mTitle;
    QString mEmptyText;
    QList<Entry> mEntries;
};

} // namespace pixmark
