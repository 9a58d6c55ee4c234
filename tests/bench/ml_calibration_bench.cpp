// How often the engine's calibration keeps its promise, and what it costs in coverage, for
// one trained Fashion-MNIST model, over many draws of held-out labels instead of the one
// draw a training makes. Run after `pixmark_ml_quality_bench quality` with SELF_TRAIN, on its
// WORKDIR (its training cache and the student's last weights, student-last.pt):
//   pixmark_ml_calibration_bench LABELS.idx1 WORKDIR [LABELED] [REST] [DRAWS]
// The model predicts the REST scored images once (each averaged with its mirror, as the
// quality bench does; FLIP=0: one view, as the assist pipeline does); none of them was trained
// on or held out. Each draw takes K of them at random as the held-out labels, calibrates on
// those (target 95 %), and scores the thresholds on the others against the truth. Per K and
// calibration confidence it prints the mean and 10th-percentile coverage, the share of draws
// that meet the quality target (60 % coverage at 95 % precision) and the share whose precision
// falls below the promised 95 %. ENSEMBLE=DIR averages the student with DIR's student first;
// WEIGHTS=first.pt scores the
// first model instead of the student (the quality bench saves both; the first one's backbone
// must then match the student's, as it does by default).
#include "ml/engine/cache_reader.h"
#include "ml/engine/calibration.h"
#include "ml/engine/checkpoint.h"
#include "ml/engine/classification_task.h"
#include "ml/engine/classifier.h"
#include "ml/engine/inference.h"
#include "tests/bench/fashion_mnist_idx.h"
#include "tests/bench/fashion_student_backbone.h"

#include <torch/torch.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

using namespace pixmark;
namespace fs = std::filesystem;

namespace {

constexpr double kTargetPrecision = 0.95;
constexpr double kTargetCoverage = 0.60;
constexpr std::int64_t kNeverPerClass = std::int64_t{1} << 40;
constexpr int kMostHeldOut = 1000;

struct Scored {
    double precision = 0;
    double coverage = 0;
};

/// Each scored image's decision: its top class, that class's probability, and whether it is right.
struct Decisions {
    std::vector<std::int64_t> klass;
    std::vector<float> confidence;
    std::vector<char> right;
};

Decisions decisionsOf(const torch::Tensor& probabilities, const torch::Tensor& truth)
{
    const auto [confidence, predicted] = probabilities.max(1);
    const auto c = confidence.contiguous();
    const auto k = predicted.contiguous();
    const auto r = predicted.eq(truth).to(torch::kUInt8).contiguous();
    return {{k.data_ptr<std::int64_t>(), k.data_ptr<std::int64_t>() + k.numel()},
            {c.data_ptr<float>(), c.data_ptr<float>() + c.numel()},
            {r.data_ptr<std::uint8_t>(), r.data_ptr<std::uint8_t>() + r.numel()}};
}

/// Precision and coverage on the images `others` of a threshold per class.
Scored score(const Decisions& d, const std::vector<float>& classThresholds, const std::vector<std::int64_t>& others)
{
    double accepted = 0;
    double right = 0;
    for (const auto i : others) {
        const auto at = static_cast<std::size_t>(i);
        if (d.confidence[at] >= classThresholds[static_cast<std::size_t>(d.klass[at])]) {
            ++accepted;
            right += d.right[at];
        }
    }
    return {accepted > 0 ? right / accepted : 0, accepted / static_cast<double>(others.size())};
}

/// The coverage of the lowest single threshold whose precision on all the scored images reaches
/// the target: what a calibration that knew the truth would give.
double oracleCoverage(const Decisions& d)
{
    const std::vector<bool> correct(d.right.begin(), d.right.end());
    const auto choice = ml::chooseThreshold(d.confidence, correct, kTargetPrecision, 0);
    return choice.reached ? choice.coverage : 0;
}

/// The non-decreasing least-squares fit of y (pool adjacent violators), one value per point.
std::vector<double> monotoneFit(const std::vector<double>& y)
{
    std::vector<double> value;
    std::vector<std::size_t> weight;
    for (const double v : y) {
        value.push_back(v);
        weight.push_back(1);
        while (value.size() >= 2 && value[value.size() - 2] > value.back()) {
            const std::size_t w = weight.back() + weight[weight.size() - 2];
            const double merged =
                (value.back() * double(weight.back()) + value[value.size() - 2] * double(weight[weight.size() - 2])) /
                double(w);
            value.pop_back();
            weight.pop_back();
            value.back() = merged;
            weight.back() = w;
        }
    }
    std::vector<double> fit;
    for (std::size_t b = 0; b < value.size(); ++b)
        fit.insert(fit.end(), weight[b], value[b]);
    return fit;
}

/// A prototype, not the engine's rule: the precision of the prelabels at a threshold estimated as
/// the mean, over the unlabeled images it accepts (their confidences are known), of
/// P(correct | confidence) fitted monotone on the held-out decisions. Returns, for each of the
/// grid's thresholds (poolDescending at coverage j / grid), that estimate.
std::vector<double> smoothedPrecision(std::vector<std::pair<float, double>> held, const std::vector<float>& poolDescending,
                                      int grid)
{
    std::sort(held.begin(), held.end());
    std::vector<double> correct;
    for (const auto& decision : held)
        correct.push_back(decision.second);
    const auto fit = monotoneFit(correct);
    std::vector<double> precision(static_cast<std::size_t>(grid));
    double sum = 0;
    std::size_t h = held.size() - 1;
    std::size_t next = 0;
    for (std::size_t i = 0; i < poolDescending.size(); ++i) {
        while (h > 0 && held[h].first > poolDescending[i])
            --h;
        sum += fit[h];
        const std::size_t atGrid = poolDescending.size() * (next + 1) / static_cast<std::size_t>(grid);
        if (i + 1 == atGrid && next < precision.size())
            precision[next++] = sum / double(i + 1);
    }
    return precision;
}

/// The lowest grid threshold whose smoothed precision (at `confidence`: its bootstrap quantile
/// over resampled held-out decisions) reaches the target; +infinity when none does.
float smoothedThreshold(const std::vector<std::pair<float, double>>& held, const std::vector<float>& poolDescending,
                        double confidence, unsigned seed)
{
    constexpr int kGrid = 400;
    constexpr int kResamples = 200;
    std::vector<double> bound;
    if (confidence <= 0) {
        bound = smoothedPrecision(held, poolDescending, kGrid);
    } else {
        std::mt19937 rng(seed);
        std::uniform_int_distribution<std::size_t> pick(0, held.size() - 1);
        std::vector<std::vector<double>> estimates(kGrid);
        for (int b = 0; b < kResamples; ++b) {
            std::vector<std::pair<float, double>> resample;
            for (std::size_t i = 0; i < held.size(); ++i)
                resample.push_back(held[pick(rng)]);
            const auto precision = smoothedPrecision(std::move(resample), poolDescending, kGrid);
            for (int j = 0; j < kGrid; ++j)
                estimates[static_cast<std::size_t>(j)].push_back(precision[static_cast<std::size_t>(j)]);
        }
        for (auto& values : estimates) {
            std::sort(values.begin(), values.end());
            bound.push_back(values[static_cast<std::size_t>((1 - confidence) * kResamples)]);
        }
    }
    for (int j = kGrid - 1; j >= 0; --j)
        if (bound[static_cast<std::size_t>(j)] >= kTargetPrecision)
            return poolDescending[poolDescending.size() * static_cast<std::size_t>(j + 1) / kGrid - 1];
    return std::numeric_limits<float>::infinity();
}

/// Prints how a rule did over the draws: rule(held, others) scores one draw.
void summarize(const std::string& name, int draws, const std::function<Scored(int draw)>& rule)
{
    std::vector<double> coverages;
    int met = 0;
    int broken = 0;
    for (int draw = 0; draw < draws; ++draw) {
        const Scored scored = rule(draw);
        coverages.push_back(scored.coverage);
        met += scored.precision >= kTargetPrecision && scored.coverage >= kTargetCoverage ? 1 : 0;
        broken += scored.coverage > 0 && scored.precision < kTargetPrecision ? 1 : 0;
    }
    std::sort(coverages.begin(), coverages.end());
    double mean = 0;
    for (const double c : coverages)
        mean += c / static_cast<double>(draws);
    std::printf("  %s: coverage mean %.3f, 10th percentile %.3f; target met in %5.1f %% of %d draws; precision below "
                "%.0f %% in %5.1f %%\n",
                name.c_str(), mean, coverages[static_cast<std::size_t>(draws / 10)], 100.0 * met / draws, draws,
                kTargetPrecision * 100, 100.0 * broken / draws);
}

int run(const fs::path& labelsPath, const fs::path& work, int labeledCount, int restCount, int draws)
{
    const auto labels = bench::readIdx(labelsPath, 2049);
    const ml::TrainingCacheReader cache(work / "images-28x28x1.bin");
    if (draws < 1 || restCount <= kMostHeldOut || labeledCount < 0 ||
        static_cast<std::size_t>(labeledCount) + static_cast<std::size_t>(restCount) > cache.size())
        throw std::invalid_argument("need at least one draw, more than " + std::to_string(kMostHeldOut) +
                                    " scored images, and labeled plus scored images within the cache's " +
                                    std::to_string(cache.size()));
    const auto order = bench::benchOrder(cache.size());
    const std::vector<std::int64_t> rest(order.begin() + labeledCount, order.begin() + labeledCount + restCount);
    std::vector<std::int64_t> truthValues;
    for (const auto record : rest)
        truthValues.push_back(labels.bytes[static_cast<std::size_t>(record)]);
    const auto truth = torch::tensor(truthValues, torch::kInt64);

    // WEIGHTS=NAME scores another model file of the folders (first.pt: the first model).
    const std::string weightsFile = std::getenv("WEIGHTS") ? std::getenv("WEIGHTS") : "student-last.pt";
    // FLIP=0 predicts one view per image, as the assist pipeline does.
    const bool flip = std::getenv("FLIP") == nullptr || std::string(std::getenv("FLIP")) != "0";
    const auto studentProbabilities = [&](const fs::path& folder) {
        ml::ClassifierSpec spec;
        spec.classes = 10;
        spec.backbone = bench::studentBackbone();
        ml::Classifier model(spec);
        ml::ClassificationTask task(model, torch::zeros({1}, torch::kInt64));
        ml::loadCheckpoint(folder / weightsFile, task);
        return ml::predict(model, cache, rest, {.flipAverage = flip}).probabilities.to(torch::kCPU);
    };
    auto probabilities = studentProbabilities(work);
    // ENSEMBLE=DIR: the mean of this student's probabilities and those of DIR's student (trained
    // on the same cache order), calibrated and scored as one model.
    if (const char* other = std::getenv("ENSEMBLE"))
        probabilities = (probabilities + studentProbabilities(other)) / 2;
    const Decisions decisions = decisionsOf(probabilities, truth);
    std::printf(
        "%s: %d scored images, accuracy %.4f; a threshold that knew the truth covers %.3f at %.0f %% precision\n",
        work.string().c_str(), restCount, probabilities.argmax(1).eq(truth).to(torch::kFloat64).mean().item<double>(),
        oracleCoverage(decisions), kTargetPrecision * 100);

    // Each draw: K of the scored images at random are the held-out labels, the others the
    // unlabeled images the thresholds are scored on.
    const auto splitOf = [&](int draw, int heldOut) {
        std::vector<std::int64_t> shuffled(static_cast<std::size_t>(restCount));
        std::iota(shuffled.begin(), shuffled.end(), 0);
        std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(static_cast<unsigned>(draw)));
        return std::pair{std::vector<std::int64_t>(shuffled.begin(), shuffled.begin() + heldOut),
                         std::vector<std::int64_t>(shuffled.begin() + heldOut, shuffled.end())};
    };

    const bool onlyEngine = std::getenv("SMOOTHED") == nullptr;
    for (const int heldOut : {200, 250, 350, 500, kMostHeldOut}) {
        // The engine's rule: minPerClass is the held-out decisions a class needs for its own
        // threshold (the engine's default, 30 as before, and never: one global threshold).
        for (const std::int64_t minPerClass : {std::int64_t{30}, std::int64_t{100}, kNeverPerClass})
            for (const double confidence : {0.0, 0.8, 0.9}) {
                char name[96];
                std::snprintf(name, sizeof name, "%4d held out, %s, confidence %.1f", heldOut,
                              minPerClass == kNeverPerClass
                                  ? "one threshold       "
                                  : ("own from " + std::to_string(minPerClass) + " decisions").c_str(),
                              confidence);
                summarize(name, draws, [&](int draw) {
                    const auto [held, others] = splitOf(draw, heldOut);
                    const auto heldRows = torch::tensor(held);
                    const auto calibration = ml::calibrate(
                        probabilities.index_select(0, heldRows), truth.index_select(0, heldRows),
                        ml::LabelMode::MultiClass,
                        {.targetPrecision = kTargetPrecision, .minPerClass = minPerClass, .confidence = confidence});
                    std::vector<float> thresholds;
                    for (const auto& choice : calibration.classes)
                        thresholds.push_back(choice.threshold);
                    return score(decisions, thresholds, others);
                });
            }
        // SMOOTHED=1: the prototype above, one threshold, as measured and with a bootstrap bound.
        if (onlyEngine)
            continue;
        for (const double confidence : {0.0, 0.8, 0.9}) {
            char name[96];
            std::snprintf(name, sizeof name, "%4d held out, smoothed over the pool, confidence %.1f", heldOut, confidence);
            summarize(name, draws, [&](int draw) {
                const auto [held, others] = splitOf(draw, heldOut);
                std::vector<std::pair<float, double>> heldDecisions;
                for (const auto i : held)
                    heldDecisions.emplace_back(decisions.confidence[static_cast<std::size_t>(i)],
                                               decisions.right[static_cast<std::size_t>(i)]);
                std::vector<float> pool;
                for (const auto i : others)
                    pool.push_back(decisions.confidence[static_cast<std::size_t>(i)]);
                std::sort(pool.begin(), pool.end(), std::greater<>());
                const float threshold = smoothedThreshold(heldDecisions, pool, confidence, static_cast<unsigned>(draw));
                return score(decisions, std::vector<float>(probabilities.size(1), threshold), others);
            });
        }
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: %s LABELS.idx1 WORKDIR [LABELED] [REST] [DRAWS]\n", argv[0]);
        return 2;
    }
    try {
        return run(args[0], args[1], args.size() > 2 ? std::stoi(args[2]) : 1000,
                   args.size() > 3 ? std::stoi(args[3]) : 20000, args.size() > 4 ? std::stoi(args[4]) : 200);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
