#include "ml/engine/calibration.h"

#include "ml/engine/errors.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace pixmark::ml {

namespace {

constexpr float kNever = std::numeric_limits<float>::infinity();

std::vector<float> toFloats(const torch::Tensor& t)
{
    const auto c = t.to(torch::kCPU, torch::kFloat32).contiguous();
    return {c.data_ptr<float>(), c.data_ptr<float>() + c.numel()};
}

std::vector<bool> toBools(const torch::Tensor& t)
{
    const auto c = t.to(torch::kCPU, torch::kBool).contiguous();
    const bool* p = c.data_ptr<bool>();
    return std::vector<bool>(p, p + c.numel());
}

/// Decisions of a calibration set: confidence, correctness and the class each belongs to.
struct Decisions {
    std::vector<float> confidence;
    std::vector<bool> correct;
    std::vector<std::int64_t> klass;
};

Decisions decisionsOf(const torch::Tensor& probabilities, const torch::Tensor& targets, LabelMode mode)
{
    if (probabilities.dim() != 2)
        throw InvalidInputError("Calibration needs probabilities as [images, classes].");
    const auto n = probabilities.size(0);
    const auto k = probabilities.size(1);
    const auto p = probabilities.to(torch::kCPU, torch::kFloat32);
    Decisions d;
    if (mode == LabelMode::MultiClass) {
        if (targets.dim() != 1 || targets.size(0) != n)
            throw InvalidInputError("Calibration needs one held-out class per image.");
        const auto [confidence, predicted] = p.max(1);
        d.confidence = toFloats(confidence);
        d.correct = toBools(predicted.eq(targets.to(torch::kCPU, torch::kInt64)));
        const auto pc = predicted.contiguous();
        d.klass.assign(pc.data_ptr<std::int64_t>(), pc.data_ptr<std::int64_t>() + n);
    } else {
        if (targets.dim() != 2 || targets.size(0) != n || targets.size(1) != k)
            throw InvalidInputError("Calibration needs one row of held-out labels per image.");
        const auto present = p >= 0.5;
        d.confidence = toFloats(torch::max(p, 1 - p));
        d.correct = toBools(present.eq(targets.to(torch::kCPU, torch::kFloat32) > 0.5));
        d.klass.resize(static_cast<std::size_t>(n * k));
        for (std::size_t i = 0; i < d.klass.size(); ++i)
            d.klass[i] = static_cast<std::int64_t>(i) % k;
    }
    return d;
}

/// z with P(Z <= z) = probability for a standard normal Z, by bisection on erfc: exact to
/// far below what a few hundred held-out decisions can tell apart.
double standardNormalQuantile(double probability)
{
    double low = -10;
    double high = 10;
    for (int i = 0; i < 100; ++i) {
        const double mid = (low + high) / 2;
        (0.5 * std::erfc(-mid / std::sqrt(2.0)) < probability ? low : high) = mid;
    }
    return (low + high) / 2;
}

} // namespace

std::vector<CurvePoint> precisionCoverageCurve(const std::vector<float>& confidence, const std::vector<bool>& correct)
{
    if (confidence.size() != correct.size())
        throw InvalidInputError("Calibration needs one correctness flag per confidence.");
    std::vector<std::size_t> order(confidence.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return confidence[a] > confidence[b]; });
    std::vector<CurvePoint> curve;
    const double total = static_cast<double>(confidence.size());
    std::size_t accepted = 0;
    std::size_t right = 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
        ++accepted;
        right += correct[order[i]] ? 1 : 0;
        // A threshold accepts every decision of equal confidence, so points sit at the end of ties.
        if (i + 1 == order.size() || confidence[order[i + 1]] != confidence[order[i]])
            curve.push_back({confidence[order[i]], static_cast<double>(right) / static_cast<double>(accepted),
                             static_cast<double>(accepted) / total, static_cast<std::int64_t>(accepted),
                             static_cast<std::int64_t>(right)});
    }
    return curve;
}

namespace {

/// z of a one-sided confidence (0 for none); throws InvalidInputError at 1 or above.
double zOf(double confidence)
{
    if (confidence >= 1)
        throw InvalidInputError("The calibration confidence must be below 1.");
    return confidence <= 0 ? 0 : standardNormalQuantile(confidence);
}

/// The Wilson lower bound for a given z; z = 0 gives the proportion itself.
double wilsonLowerBoundAt(std::int64_t right, std::int64_t total, double z)
{
    if (total <= 0)
        return 0;
    const double n = static_cast<double>(total);
    const double p = static_cast<double>(right) / n;
    if (z == 0)
        return p;
    const double z2 = z * z;
    const double centre = p + z2 / (2 * n);
    const double spread = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    return std::max(0.0, (centre - spread) / (1 + z2 / n));
}

} // namespace

double wilsonLowerBound(std::int64_t right, std::int64_t total, double confidence)
{
    return wilsonLowerBoundAt(right, total, zOf(confidence));
}

ThresholdChoice chooseThreshold(const std::vector<float>& confidence, const std::vector<bool>& correct, double target,
                                double confidenceLevel)
{
    // One quantile for the whole curve: a segmenter's curve has a point per distinct pixel confidence.
    const double z = zOf(confidenceLevel);
    ThresholdChoice choice;
    choice.threshold = kNever;
    choice.support = static_cast<std::int64_t>(confidence.size());
    for (const auto& point : precisionCoverageCurve(confidence, correct)) {
        const double bound = wilsonLowerBoundAt(point.correct, point.accepted, z);
        if (bound >= target) {
            choice.threshold = point.threshold;
            choice.precision = point.precision;
            choice.precisionLowerBound = bound;
            choice.coverage = point.coverage;
            choice.reached = true;
        }
    }
    return choice;
}

Calibration calibrate(const at::Tensor& probabilities, const at::Tensor& targets, LabelMode mode,
                      const CalibrationOptions& options)
{
    const auto d = decisionsOf(probabilities, targets, mode);
    const auto classes = static_cast<std::size_t>(probabilities.size(1));
    Calibration c;
    c.targetPrecision = options.targetPrecision;
    c.classes.resize(classes);
    std::vector<std::vector<float>> confidence(classes);
    std::vector<std::vector<bool>> correct(classes);
    for (std::size_t i = 0; i < d.confidence.size(); ++i) {
        const auto k = static_cast<std::size_t>(d.klass[i]);
        confidence[k].push_back(d.confidence[i]);
        correct[k].push_back(d.correct[i]);
    }
    // The shared threshold is chosen on the decisions of the classes that use it. Chosen on
    // every decision, the surplus of classes with their own (stricter) thresholds would carry
    // weaker classes, and the prelabels as a whole would fall short of the target.
    const auto hasOwn = [&](std::size_t k) { return static_cast<std::int64_t>(confidence[k].size()) >= options.minPerClass; };
    std::vector<float> sharedConfidence;
    std::vector<bool> sharedCorrect;
    for (std::size_t i = 0; i < d.confidence.size(); ++i)
        if (!hasOwn(static_cast<std::size_t>(d.klass[i]))) {
            sharedConfidence.push_back(d.confidence[i]);
            sharedCorrect.push_back(d.correct[i]);
        }
    c.confidence = options.confidence;
    c.global = sharedConfidence.empty()
                   ? chooseThreshold(d.confidence, d.correct, options.targetPrecision, options.confidence)
                   : chooseThreshold(sharedConfidence, sharedCorrect, options.targetPrecision, options.confidence);
    std::size_t accepted = 0;
    std::size_t right = 0;
    for (std::size_t k = 0; k < classes; ++k) {
        if (hasOwn(k)) {
            c.classes[k] = chooseThreshold(confidence[k], correct[k], options.targetPrecision, options.confidence);
            c.classes[k].perClass = true;
        } else {
            c.classes[k] = c.global;
            c.classes[k].support = static_cast<std::int64_t>(confidence[k].size());
        }
        for (std::size_t i = 0; i < confidence[k].size(); ++i) {
            if (confidence[k][i] >= c.classes[k].threshold) {
                ++accepted;
                right += correct[k][i] ? 1 : 0;
            }
        }
    }
    if (!d.confidence.empty())
        c.coverage = static_cast<double>(accepted) / static_cast<double>(d.confidence.size());
    if (accepted > 0)
        c.precision = static_cast<double>(right) / static_cast<double>(accepted);
    return c;
}

at::Tensor acceptedDecisions(const Calibration& calibration, const at::Tensor& probabilities, LabelMode mode)
{
    if (probabilities.dim() != 2 || probabilities.size(1) != static_cast<std::int64_t>(calibration.classes.size()))
        throw InvalidInputError("The probabilities do not have the calibrated number of classes.");
    std::vector<float> thresholds;
    for (const auto& choice : calibration.classes)
        thresholds.push_back(choice.threshold);
    const auto p = probabilities.to(torch::kFloat32);
    const auto perClass = torch::tensor(thresholds).to(p.device());
    if (mode == LabelMode::MultiClass) {
        const auto [confidence, predicted] = p.max(1);
        return confidence >= perClass.index_select(0, predicted);
    }
    return torch::max(p, 1 - p) >= perClass.unsqueeze(0);
}

} // namespace pixmark::ml
