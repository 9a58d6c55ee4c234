// How often the engine's calibration keeps its promise, and what it costs in coverage, for
// one trained Fashion-MNIST model, over many draws of held-out labels instead of the one
// draw a training makes. Run after `pixmark_ml_quality_bench quality` with SELF_TRAIN, on its
// WORKDIR (its training cache and the student's last weights, student-last.pt):
//   pixmark_ml_calibration_bench LABELS.idx1 WORKDIR [LABELED] [REST] [DRAWS]
// The model predicts the REST scored images once (each averaged with its mirror, as the
// quality bench does); none of them was trained on or held out. Each draw takes K of them at
// random as the held-out labels, calibrates on those (target 95 %), and scores the
// thresholds on the others against the truth. Per K and calibration confidence it prints the
// mean and 10th-percentile coverage, the share of draws that meet the quality target (60 %
// coverage at 95 % precision) and the share whose precision falls below the promised 95 %.
#include "ml/engine/cache_reader.h"
#include "ml/engine/calibration.h"
#include "ml/engine/checkpoint.h"
#include "ml/engine/classification_task.h"
#include "ml/engine/classifier.h"
#include "ml/engine/inference.h"
#include "tests/bench/fashion_mnist_idx.h"

#include <torch/torch.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

using namespace pixmark;
namespace fs = std::filesystem;

namespace {

constexpr double kTargetPrecision = 0.95;
constexpr double kTargetCoverage = 0.60;
constexpr std::int64_t kNeverPerClass = std::int64_t{1} << 40;

struct Scored {
    double precision = 0;
    double coverage = 0;
};

/// Precision and coverage of a calibration's thresholds on probabilities with known classes.
Scored score(const ml::Calibration& calibration, const torch::Tensor& probabilities, const torch::Tensor& truth)
{
    const auto accepted = ml::acceptedDecisions(calibration, probabilities, ml::LabelMode::MultiClass);
    const auto right = probabilities.argmax(1).eq(truth).logical_and(accepted);
    const auto acceptedCount = accepted.sum().item<double>();
    return {acceptedCount > 0 ? right.sum().item<double>() / acceptedCount : 0,
            acceptedCount / static_cast<double>(probabilities.size(0))};
}

/// The coverage of the lowest single threshold whose precision on all the scored images reaches
/// the target: what a calibration that knew the truth would give.
double oracleCoverage(const torch::Tensor& probabilities, const torch::Tensor& truth)
{
    const auto [confidence, predicted] = probabilities.max(1);
    const auto c = confidence.contiguous();
    const auto right = predicted.eq(truth).contiguous();
    const std::vector<float> confidences(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    std::vector<bool> correct;
    for (std::int64_t i = 0; i < right.numel(); ++i)
        correct.push_back(right[i].item<bool>());
    const auto choice = ml::chooseThreshold(confidences, correct, kTargetPrecision, 0);
    return choice.reached ? choice.coverage : 0;
}

int run(const fs::path& labelsPath, const fs::path& work, int labeledCount, int restCount, int draws)
{
    const auto labels = bench::readIdx(labelsPath, 2049);
    const ml::TrainingCacheReader cache(work / "images-28x28x1.bin");
    const auto order = bench::benchOrder(cache.size());
    const std::vector<std::int64_t> rest(order.begin() + labeledCount, order.begin() + labeledCount + restCount);
    std::vector<std::int64_t> truthValues;
    for (const auto record : rest)
        truthValues.push_back(labels.bytes[static_cast<std::size_t>(record)]);
    const auto truth = torch::tensor(truthValues, torch::kInt64);

    ml::ClassifierSpec spec;
    spec.classes = 10;
    spec.backbone = ml::ResNetOptions::compact(1);
    ml::Classifier model(spec);
    ml::ClassificationTask task(model, torch::zeros({1}, torch::kInt64));
    ml::loadCheckpoint(work / "student-last.pt", task);
    const auto probabilities = ml::predict(model, cache, rest, {.flipAverage = true}).probabilities.to(torch::kCPU);
    std::printf(
        "%s: %d scored images, accuracy %.4f; a threshold that knew the truth covers %.3f at %.0f %% precision\n",
        work.string().c_str(), restCount, probabilities.argmax(1).eq(truth).to(torch::kFloat64).mean().item<double>(),
        oracleCoverage(probabilities, truth), kTargetPrecision * 100);

    // minPerClass: the held-out decisions a class needs for its own threshold (the engine's
    // default, more, and never: one global threshold).
    for (const int heldOut : {200, 250, 500, 1000})
        for (const std::int64_t minPerClass : {std::int64_t{30}, std::int64_t{100}, kNeverPerClass})
            for (const double confidence : {0.0, 0.8, 0.9}) {
                std::vector<double> coverages;
                int met = 0;
                int broken = 0;
                for (int draw = 0; draw < draws; ++draw) {
                    std::vector<std::int64_t> shuffled(static_cast<std::size_t>(restCount));
                    std::iota(shuffled.begin(), shuffled.end(), 0);
                    std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(static_cast<unsigned>(draw)));
                    const auto held =
                        torch::tensor(std::vector<std::int64_t>(shuffled.begin(), shuffled.begin() + heldOut));
                    const auto others =
                        torch::tensor(std::vector<std::int64_t>(shuffled.begin() + heldOut, shuffled.end()));
                    const auto calibration = ml::calibrate(
                        probabilities.index_select(0, held), truth.index_select(0, held), ml::LabelMode::MultiClass,
                        {.targetPrecision = kTargetPrecision, .minPerClass = minPerClass, .confidence = confidence});
                    const Scored scored =
                        score(calibration, probabilities.index_select(0, others), truth.index_select(0, others));
                    coverages.push_back(scored.coverage);
                    met += scored.precision >= kTargetPrecision && scored.coverage >= kTargetCoverage ? 1 : 0;
                    broken += scored.coverage > 0 && scored.precision < kTargetPrecision ? 1 : 0;
                }
                std::sort(coverages.begin(), coverages.end());
                double mean = 0;
                for (const double c : coverages)
                    mean += c / static_cast<double>(draws);
                std::printf("  %4d held out, %s, confidence %.1f: coverage mean %.3f, 10th percentile %.3f; target met "
                            "in %5.1f %% "
                            "of %d draws; precision below %.0f %% in %5.1f %%\n",
                            heldOut,
                            minPerClass == kNeverPerClass
                                ? "one threshold       "
                                : ("own from " + std::to_string(minPerClass) + " decisions").c_str(),
                            confidence, mean, coverages[static_cast<std::size_t>(draws / 10)], 100.0 * met / draws,
                            draws, kTargetPrecision * 100, 100.0 * broken / draws);
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
