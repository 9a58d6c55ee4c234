#pragma once
// The dashboard's throughput: submissions per time bucket, oldest on the left.

#include "core/model/dashboard.h"

#include <QtCharts/QChartView>

#include <cstdint>
#include <vector>

namespace pixmark {

/// Each bucket is a flat step, so the area reads as "this many in that bucket".
class ThroughputChart : public QChartView {
    Q_OBJECT
public:
    /// Empty until setThroughput().
    explicit ThroughputChart(QWidget* parent = nullptr);

    /// Shows the buckets (each bucketMs long); the title names the bucket size.
    void setThroughput(const std::vector<ThroughputBucket>& buckets, std::int64_t bucketMs);
    /// Submissions in all buckets shown.
    std::int64_t total() const { return mTotal; }

private:
    std::int64_t mTotal = 0;
};

} // namespace pixmark
