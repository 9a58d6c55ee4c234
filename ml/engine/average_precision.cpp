#include "ml/engine/average_precision.h"

#include <algorithm>
#include <numeric>

namespace pixmark::ml {

double boxIou(const ScoredBox& a, const ScoredBox& b)
{
    const double iw = std::max(0.0, static_cast<double>(std::min(a.x2, b.x2)) - std::max(a.x1, b.x1));
    const double ih = std::max(0.0, static_cast<double>(std::min(a.y2, b.y2)) - std::max(a.y1, b.y1));
    const double inter = iw * ih;
    const auto area = [](const ScoredBox& r) {
        return std::max(0.0, static_cast<double>(r.x2) - r.x1) * std::max(0.0, static_cast<double>(r.y2) - r.y1);
    };
    const double uni = area(a) + area(b) - inter;
    return uni > 0 ? inter / uni : 0;
}

AveragePrecisionResult averagePrecision(const std::vector<DetectionSample>& samples, int classes, double iouThreshold)
{
    AveragePrecisionResult result;
    result.perClass.assign(static_cast<std::size_t>(std::max(classes, 0)), -1.0);
    result.truthCount.assign(result.perClass.size(), 0);
    struct Candidate {
        std::size_t image;
        const ScoredBox* box;
    };
    double sum = 0;
    int counted = 0;
    for (int k = 0; k < classes; ++k) {
        std::int64_t truths = 0;
        std::vector<Candidate> candidates;
        for (std::size_t i = 0; i < samples.size(); ++i) {
            for (const auto& t : samples[i].truth)
                truths += t.classIndex == k;
            for (const auto& d : samples[i].detections) {
                if (d.classIndex == k)
                    candidates.push_back({i, &d});
            }
        }
        result.truthCount[static_cast<std::size_t>(k)] = truths;
        if (truths == 0)
            continue;
        // Stable: equal scores keep image order, so the result does not depend on the sort.
        std::stable_sort(candidates.begin(), candidates.end(),
                         [](const Candidate& a, const Candidate& b) { return a.box->score > b.box->score; });
        std::vector<std::vector<bool>> matched(samples.size());
        for (std::size_t i = 0; i < samples.size(); ++i)
            matched[i].assign(samples[i].truth.size(), false);
        std::vector<double> precision, recall;
        std::int64_t truePositives = 0;
        for (std::size_t n = 0; n < candidates.size(); ++n) {
            const auto& [image, box] = candidates[n];
            const auto& truth = samples[image].truth;
            double bestIou = -1;
            std::size_t best = truth.size();
            for (std::size_t t = 0; t < truth.size(); ++t) {
                if (truth[t].classIndex != k || matched[image][t])
                    continue;
                const double iou = boxIou(*box, truth[t]);
                if (iou > bestIou) {
                    bestIou = iou;
                    best = t;
                }
            }
            if (best < truth.size() && bestIou >= iouThreshold) {
                matched[image][best] = true;
                ++truePositives;
            }
            precision.push_back(static_cast<double>(truePositives) / static_cast<double>(n + 1));
            recall.push_back(static_cast<double>(truePositives) / static_cast<double>(truths));
        }
        // Monotone precision envelope from the right, then the area under the step curve.
        for (std::size_t n = precision.size(); n-- > 1;)
            precision[n - 1] = std::max(precision[n - 1], precision[n]);
        double ap = 0, previousRecall = 0;
        for (std::size_t n = 0; n < precision.size(); ++n) {
            ap += (recall[n] - previousRecall) * precision[n];
            previousRecall = recall[n];
        }
        result.perClass[static_cast<std::size_t>(k)] = ap;
        sum += ap;
        ++counted;
    }
    result.meanAp = counted > 0 ? sum / counted : 0;
    return result;
}

} // namespace pixmark::ml
