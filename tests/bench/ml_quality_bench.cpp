// The ML engine on real data and its raw speed, without core: builds a training cache from
// Fashion-MNIST's idx files with plain C++ (docs/training-cache.md), trains on 1,000 labeled
// images, calibrates on their held-out part and prelabels the rest; and measures classifier
// training and inference images/s at 224 px.
//   pixmark_ml_quality_bench quality IMAGES.idx3 LABELS.idx1 WORKDIR [LABELED] [REST] [FLIP]
// (FLIP 1, the default, averages each image with its mirror at prediction and calibration; 0 does not;
// SELF_TRAIN=N in the environment adds a self-training round, see below; EMA=D validates and
// keeps a moving average of the weights with decay D per step; ERASE=P erases a rectangle in
// that share of the training images; SEED=S seeds the trainer, to measure run-to-run spread;
// SELF_ROUNDS=R lets each student teach the next; VAL=F holds out that share of the labels, 0.25
// by default; EPOCHS=E trains the first model E epochs instead of 60, KEEP_LAST=1 to the end;
// CONSISTENCY=N lets it learn from N unlabeled images as well, see below; RECIPE=product trains
// every model on the assist pipeline's plan instead of the settings tuned here)
//   pixmark_ml_quality_bench speed WORKDIR [SIDE] [BATCH] [STEPS]
#include "ml/engine/cache_reader.h"
#include "ml/engine/calibration.h"
#include "ml/engine/checkpoint.h"
#include "ml/engine/classification_task.h"
#include "ml/engine/classifier.h"
#include "ml/engine/device.h"
#include "ml/engine/inference.h"
#include "ml/engine/self_training.h"
#include "ml/engine/trainer.h"
#include "ml/engine/training_plan.h"
#include "tests/bench/fashion_mnist_idx.h"
#include "tests/bench/fashion_student_backbone.h"
#include "tests/ml/training_cache_file.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <numeric>
#include <random>
#include <string>
#include <vector>

using namespace pixmark;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using bench::readIdx;

namespace {

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

int quality(const fs::path& imagesPath, const fs::path& labelsPath, const fs::path& work, int labeledCount,
            int restLimit, bool flip)
{
    const auto images = readIdx(imagesPath, 2051);
    const auto labels = readIdx(labelsPath, 2049);
    const int side = static_cast<int>(images.rows);
    fs::create_directories(work);
    const auto cacheFile = work / ("images-" + std::to_string(side) + "x" + std::to_string(side) + "x1.bin");
    auto started = Clock::now();
    {
        test::TrainingCacheWriter writer(cacheFile, side, 1);
        for (std::uint32_t i = 0; i < images.count; ++i)
            writer.append(i + 1, images.bytes.data() + std::size_t{i} * writer.recordBytes(), images.cols, images.rows);
        writer.finish();
    }
    std::printf("cache: %u images %dx%d written in %.2f s\n", images.count, side, side, secondsSince(started));
    const ml::TrainingCacheReader cache(cacheFile);

    const std::vector<std::int64_t> order = bench::benchOrder(cache.size());
    const std::vector<std::int64_t> labeled(order.begin(), order.begin() + labeledCount);
    std::vector<std::int64_t> rest(order.begin() + labeledCount, order.end());
    if (restLimit > 0 && static_cast<std::size_t>(restLimit) < rest.size())
        rest.resize(static_cast<std::size_t>(restLimit));
    // Unlabeled images to learn from (consistency training, self-training): up to 20,000 of
    // the images after the labeled ones and the scored rest, so that none of them is scored.
    const std::size_t poolBegin = static_cast<std::size_t>(labeledCount) + rest.size();
    const std::vector<std::int64_t> pool(order.begin() + static_cast<std::ptrdiff_t>(poolBegin),
                                         order.begin() + static_cast<std::ptrdiff_t>(std::min(order.size(), poolBegin + 20000)));
    const auto labelOf = [&](const std::vector<std::int64_t>& records) {
        std::vector<std::int64_t> out;
        for (const auto r : records)
            out.push_back(labels.bytes[static_cast<std::size_t>(r)]);
        return torch::tensor(out, torch::kInt64);
    };

    ml::ClassifierSpec spec;
    spec.classes = 10;
    spec.backbone = ml::ResNetOptions::compact(1);
    // Checked before the first training, not after it.
    ml::ClassifierSpec studentSpec = spec;
    studentSpec.backbone = bench::studentBackbone();
    if (std::getenv("SELF_TEACHER") && !std::getenv("SELF_FRESH"))
        throw std::invalid_argument("SELF_TEACHER needs SELF_FRESH=1: a saved student teaches new students");
    const unsigned seed = std::getenv("SEED") ? static_cast<unsigned>(std::stoul(std::getenv("SEED"))) : 1;
    ml::seedInitialWeights(seed);
    ml::Classifier classifier(spec);
    const auto targets = labelOf(labeled);
    ml::ClassificationTask task(classifier, targets);
    ml::TrainerOptions options;
    // Batches of 32 double the optimizer steps per epoch; with 700 training images, steps are what is short.
    options.batchSize = 32;
    options.learningRate = 3e-3;
    options.maxEpochs = 60;
    // The held-out loss of 250 images is noisy; stopping must not cut the cosine decay short.
    options.patience = 20;
    // Training loss ends far below the held-out loss: regularize harder.
    options.weightDecay = 0.05;
    // VAL=F holds out another share of the labels (more to calibrate on, fewer to train on).
    options.validationFraction = std::getenv("VAL") ? std::stod(std::getenv("VAL")) : 0.25;
    // 28 px garments fill the frame: mild crops and lighting changes, no colour.
    options.augmentOptions.minCropArea = 0.85;
    options.augmentOptions.maxAspectChange = 1.1;
    options.augmentOptions.brightness = 0.1;
    options.augmentOptions.contrast = 0.1;
    options.augmentOptions.saturation = 0;
    if (const char* ema = std::getenv("EMA"))
        options.weightAverageDecay = std::stod(ema);
    if (const char* erasing = std::getenv("ERASE"))
        options.augmentOptions.erasing = std::stod(erasing);
    if (const char* threads = std::getenv("THREADS"))
        options.cpuThreads = std::stoi(threads);
    options.seed = seed;
    // RECIPE=product: the assist pipeline's plan (ml/engine/training_plan.h) for every model
    // instead of the settings above, with its held-out quarter; EPOCHS caps its epochs there.
    const std::string recipe = std::getenv("RECIPE") ? std::getenv("RECIPE") : "tuned";
    if (recipe != "tuned" && recipe != "product")
        throw std::invalid_argument("RECIPE is tuned or product, not " + recipe);
    const bool productPlan = recipe == "product";
    const int epochCap = std::getenv("EPOCHS") ? bench::positiveCounts("EPOCHS", std::getenv("EPOCHS")).at(0) : 0;
    const auto planned = [&](std::size_t trainingSamples, ml::TrainingRole role) {
        ml::TrainerOptions plan = ml::plannedTraining(trainingSamples, role, epochCap);
        plan.cpuThreads = options.cpuThreads;
        plan.seed = seed;
        return plan;
    };
    if (productPlan) {
        const auto heldOut = ml::Trainer::split(task, options.validationFraction, seed).second;
        options = planned(labeled.size() - heldOut.size(), ml::TrainingRole::Classifier);
        options.validationSamples = heldOut;
    }
    std::printf("recipe: %s\n", productPlan ? "the pipeline's plan (RECIPE=product)" : "tuned for this benchmark");
    // The students' schedule; EPOCHS, KEEP_LAST and CONSISTENCY below change the first model's.
    const ml::TrainerOptions studentOptions = options;
    if (epochCap > 0 && !productPlan)
        options.maxEpochs = epochCap;
    // KEEP_LAST=1: the first model trains to the end and keeps its last weights, as students do.
    if (std::getenv("KEEP_LAST"))
        options.keepLastWeights = true;
    // CONSISTENCY=N: the first model also learns from N of the pool's unlabeled images
    // (FixMatch; MU unlabeled per labeled image in a step, TAU the weak view's confidence,
    // CONSISTENCY_WEIGHT the unlabeled loss's weight); CONSISTENCY_MODELS=students gives it
    // to the self-training students instead, =all to every model.
    const std::string consistencyModels = std::getenv("CONSISTENCY_MODELS") ? std::getenv("CONSISTENCY_MODELS") : "first";
    if (consistencyModels != "first" && consistencyModels != "students" && consistencyModels != "all")
        throw std::invalid_argument("CONSISTENCY_MODELS is first, students or all, not " + consistencyModels);
    if (const char* unlabeledCount = std::getenv("CONSISTENCY")) {
        const auto count = std::min<std::size_t>(bench::positiveCounts("CONSISTENCY", unlabeledCount).at(0), pool.size());
        options.consistency.records.assign(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(count));
        if (const char* mu = std::getenv("MU"))
            options.consistency.ratio = bench::positiveCounts("MU", mu).at(0);
        if (const char* tau = std::getenv("TAU"))
            options.consistency.threshold = std::stod(tau);
        if (const char* weight = std::getenv("CONSISTENCY_WEIGHT"))
            options.consistency.weight = std::stod(weight);
        std::printf("consistency training on %zu unlabeled images: %d per labeled image, threshold %.3f, weight %.2f\n",
                    options.consistency.records.size(), options.consistency.ratio, options.consistency.threshold,
                    options.consistency.weight);
    }
    const ml::ConsistencyOptions studentConsistency =
        consistencyModels == "first" ? ml::ConsistencyOptions{} : options.consistency;
    if (consistencyModels == "students")
        options.consistency.records.clear();
    std::printf("consistency training for: %s\n", consistencyModels.c_str());
    std::printf("random erasing: %.2f of the images; trainer seed %u\n", options.augmentOptions.erasing, options.seed);
    std::printf("weights: %s (decay %.4f)\n", options.weightAverageDecay > 0 ? "moving average" : "as trained",
                options.weightAverageDecay);
    started = Clock::now();
    const auto printEpoch = [](const ml::TrainProgress& p) {
        std::printf("  epoch %2d  train loss %.3f  held-out loss %.3f  %s %.3f", p.epoch, p.trainLoss,
                    p.validationLoss, "accuracy", p.validationMetric);
        if (p.unlabeledAccepted > 0)
            std::printf("  unlabeled sure %.3f", p.unlabeledAccepted);
        std::printf("\n");
    };
    const auto trained = ml::Trainer(options).fit(task, cache, labeled, [&](const ml::TrainProgress& p) {
        if (p.validated)
            printEpoch(p);
    });
    const double trainSeconds = secondsSince(started);
    std::printf("trained on %zu images (%zu held out) on %s: %d epochs (best %d), %.1f s, %.0f images/s, held-out "
                "accuracy %.3f\n",
                trained.trainingSamples.size(), trained.validationSamples.size(), trained.device.c_str(),
                trained.epochsRun, trained.bestEpoch, trainSeconds, trained.imagesPerSecond,
                trained.bestValidationMetric);

    // For pixmark_ml_calibration_bench WEIGHTS=first.pt.
    ml::saveCheckpoint(work / "first.pt", task);
    std::vector<std::int64_t> heldRecords;
    for (const auto s : trained.validationSamples)
        heldRecords.push_back(labeled[static_cast<std::size_t>(s)]);
    const ml::InferenceOptions inference{.flipAverage = flip};
    // The calibration confidence of the prelabels a student learns from (MARGIN; the engine's default).
    const double pseudoConfidence = std::getenv("MARGIN") ? std::stod(std::getenv("MARGIN")) : ml::kDefaultCalibrationConfidence;
    std::printf("prediction: %s\n", flip ? "each image averaged with its mirror image" : "one view per image");

    // Calibrates on the held-out labels and scores the prelabels of the rest against the truth;
    // returns the engine-default calibration.
    // Held-out and rest probabilities of a model.
    struct Outputs {
        torch::Tensor held;
        torch::Tensor rest;
    };
    const auto outputsOf = [&](ml::Classifier& model) {
        Outputs out;
        out.held = ml::predict(model, cache, heldRecords, inference).probabilities;
        const auto predictStarted = Clock::now();
        out.rest = ml::predict(model, cache, rest, inference).probabilities;
        const double predictSeconds = secondsSince(predictStarted);
        std::printf("inference on the other %zu images: %.1f s, %.0f images/s\n", rest.size(), predictSeconds,
                    static_cast<double>(rest.size()) / predictSeconds);
        return out;
    };
    // Calibrates on the held-out labels and scores the prelabels of the rest against the truth;
    // returns the calibration the bench's student learns from.
    const auto evaluate = [&](const char* round, const Outputs& outputs) {
        const auto truth = labelOf(rest);
        const auto right = outputs.rest.argmax(1).eq(truth);
        std::printf("%s: predictions on the other %zu images: accuracy %.4f\n", round, rest.size(),
                    right.to(torch::kFloat64).mean().item<double>());
        // The engine's default calibration and variants: how sure the held-out data must make
        // us of the precision (0: the measured precision as is), and how many held-out decisions
        // a class needs for its own threshold (the engine's default, and 30 as before 2026-12-07).
        ml::Calibration engineDefault;
        const ml::CalibrationOptions defaults{.targetPrecision = 0.95, .confidence = pseudoConfidence};
        for (const double confidence : {0.0, 0.5, 0.8, 0.9, 0.95}) {
            for (const std::int64_t minPerClass : {std::int64_t{30}, defaults.minPerClass}) {
                const ml::CalibrationOptions calibrationOptions{
                    .targetPrecision = 0.95, .minPerClass = minPerClass, .confidence = confidence};
                const auto calibration =
                    ml::calibrate(outputs.held, labelOf(heldRecords), ml::LabelMode::MultiClass, calibrationOptions);
                if (minPerClass == defaults.minPerClass && confidence == defaults.confidence)
                    engineDefault = calibration;
                int ownThresholds = 0;
                for (const auto& c : calibration.classes)
                    ownThresholds += c.perClass && c.reached ? 1 : 0;
                const auto accepted =
                    ml::acceptedDecisions(calibration, outputs.rest, ml::LabelMode::MultiClass);
                const double acceptedCount = accepted.sum().item<double>();
                const double precision = acceptedCount > 0 ? (right & accepted).sum().item<double>() / acceptedCount : 0;
                const double coverage = acceptedCount / static_cast<double>(rest.size());
                std::printf("  calibration confidence %.2f, own thresholds from %2lld decisions (%d classes): global "
                            "%.3f, held-out precision %.3f coverage %.3f -> rest precision %.4f coverage %.4f: %s\n",
                            confidence, static_cast<long long>(minPerClass), ownThresholds,
                            static_cast<double>(calibration.global.threshold), calibration.precision,
                            calibration.coverage, precision, coverage,
                            precision >= 0.95 && coverage >= 0.60 ? "met" : "NOT met");
            }
        }
        return engineDefault;
    };
    const Outputs teacherOutputs = outputsOf(classifier);
    const ml::Calibration calibration = evaluate("first training", teacherOutputs);

    // Self-training (SELF_TRAIN=N): the calibrated prelabels of up to N further unlabeled
    // images (none of them among the scored rest) join the labels, and the model trains on
    // for SELF_EPOCHS epochs from its weights, holding out the same labeled images; with
    // SELF_FRESH=1, a new model (a student) trains on them from scratch on the first schedule.
    const char* selfTrain = std::getenv("SELF_TRAIN");
    const std::int64_t pseudoWanted = selfTrain ? std::stoll(selfTrain) : 0;
    if (pseudoWanted <= 0)
        return 0;
    const char* selfEpochs = std::getenv("SELF_EPOCHS");
    const bool fresh = std::getenv("SELF_FRESH") != nullptr;
    // SELF_ROUNDS=R (with SELF_FRESH): each student, with its last weights where it has them and
    // calibrated like its teacher, teaches the next one.
    const int rounds = fresh && std::getenv("SELF_ROUNDS") ? std::max(1, std::stoi(std::getenv("SELF_ROUNDS"))) : 1;
    ml::Classifier* teacher = &classifier;
    ml::Calibration teacherCalibration = calibration;
    Outputs teacherScored = teacherOutputs;
    std::vector<std::unique_ptr<ml::Classifier>> students;
    // SELF_TEACHER=FILE: a round-1 student an earlier run saved (its student-last.pt, with the
    // same SEED and student backbone) teaches, and the rounds start at 2, so that a second round
    // costs one training, not three.
    std::printf("self-training: student backbone %s\n", studentSpec.backbone.describe().c_str());
    const char* earlier = std::getenv("SELF_TEACHER");
    const int firstRound = earlier ? 2 : 1;
    if (earlier) {
        students.push_back(std::make_unique<ml::Classifier>(studentSpec));
        ml::ClassificationTask earlierTask(*students.back(), targets);
        ml::loadCheckpoint(earlier, earlierTask);
        teacher = students.back().get();
        teacherScored = outputsOf(*teacher);
        teacherCalibration = evaluate("earlier student (the first round's teacher)", teacherScored);
    }
    for (int round = firstRound; round < firstRound + rounds; ++round) {
        std::printf("== self-training round %d\n", round);
        const auto poolPredicted = ml::predict(*teacher, cache, pool, inference);
        const auto set =
            ml::studentTrainingSet(labeled, targets, pool, poolPredicted.probabilities, teacherCalibration, pseudoWanted);
        const auto pseudoRight =
            set.targets.slice(0, labeledCount)
                .eq(labelOf(std::vector<std::int64_t>(set.records.begin() + labeledCount, set.records.end())))
                .sum()
                .item<std::int64_t>();
        std::printf("self-training: %lld prelabels of %zu further images join the %d labels (%.4f of them right)\n",
                    static_cast<long long>(set.pseudoLabeled), pool.size(), labeledCount,
                    set.pseudoLabeled ? double(pseudoRight) / double(set.pseudoLabeled) : 0.0);
        ml::TrainerOptions second =
            productPlan ? planned(set.records.size() - trained.validationSamples.size(), ml::TrainingRole::Student)
                        : studentOptions;
        if (!fresh) {
            second.maxEpochs = selfEpochs ? std::stoi(selfEpochs) : 10;
            second.patience = second.maxEpochs;
            second.learningRate = 1e-3;
        }
        second.validationSamples = trained.validationSamples;
        second.consistency = studentConsistency;
        second.seed = options.seed + static_cast<unsigned>(round - 1);
        ml::seedInitialWeights(second.seed);
        students.push_back(std::make_unique<ml::Classifier>(studentSpec));
        ml::Classifier& secondModel = fresh ? *students.back() : classifier;
        std::printf("self-training: %s\n", fresh ? "a new model from scratch" : "the first model trains on");
        // STUDENT_PATIENCE (default: as the first training; 0 never stops early). When the student
        // runs to the end of its schedule, its last weights are scored too, beside its best ones.
        if (const char* patience = std::getenv("STUDENT_PATIENCE"))
            second.patience = std::stoi(patience);
        ml::ClassificationTask secondTask(secondModel, set.targets);
        const fs::path lastWeights = work / "student-last.pt";
        fs::remove(lastWeights);
        started = Clock::now();
        const auto retrained = ml::Trainer(second).fit(secondTask, cache, set.records, [&](const ml::TrainProgress& p) {
            if (p.validated) {
                printEpoch(p);
                if (p.epoch == p.maxEpochs)
                    ml::saveCheckpoint(lastWeights, secondTask);
            }
        });
        std::printf("trained on %zu samples (%zu held out): %d epochs (best %d), %.1f s, held-out accuracy %.3f\n",
                    retrained.trainingSamples.size(), retrained.validationSamples.size(), retrained.epochsRun,
                    retrained.bestEpoch, secondsSince(started), retrained.bestValidationMetric);
        // A fresh student is also scored averaged with its teacher (both calibrated together).
        const auto scoreStudent = [&](const char* weights) {
            const Outputs studentOutputs = outputsOf(secondModel);
            const std::string name = "round " + std::to_string(round) + " student (" + weights + " weights)";
            teacherCalibration = evaluate(name.c_str(), studentOutputs);
            if (fresh)
                evaluate((name + " and its teacher averaged").c_str(),
                         {(studentOutputs.held + teacherScored.held) / 2, (studentOutputs.rest + teacherScored.rest) / 2});
            return studentOutputs;
        };
        Outputs studentScored = scoreStudent("best");
        if (fs::exists(lastWeights) && retrained.bestEpoch != retrained.epochsRun) {
            ml::loadCheckpoint(lastWeights, secondTask);
            studentScored = scoreStudent("last");
        }
        teacher = &secondModel;
        teacherScored = studentScored;
    }
    return 0;
}

// The trainer's whole step (records from the cache, on-device augmentation, forward, backward,
// AdamW) on STEPS batches of random pixels per epoch; the first epoch warms up allocators and
// kernels, the next two are timed. tests/bench/ml_speed_peer.py times the same step in PyTorch
// eager mode on the cache this writes.
int speed(const fs::path& work, int side, int batch, int steps)
{
    fs::create_directories(work);
    const int training = steps * batch;
    const int count = training + training / 4; // a fifth held out, so that every epoch validates
    const auto cacheFile = work / ("images-" + std::to_string(side) + "x" + std::to_string(side) + "x3.bin");
    {
        test::TrainingCacheWriter writer(cacheFile, side, 3);
        std::mt19937 rng(1);
        std::vector<std::uint8_t> pixels(writer.recordBytes());
        for (int i = 0; i < count; ++i) {
            for (auto& p : pixels)
                p = static_cast<std::uint8_t>(rng());
            writer.append(i + 1, pixels.data(), static_cast<std::uint32_t>(side), static_cast<std::uint32_t>(side));
        }
        writer.finish();
    }
    const ml::TrainingCacheReader cache(cacheFile);
    std::vector<std::int64_t> records(cache.size());
    std::iota(records.begin(), records.end(), 0);

    ml::ClassifierSpec spec;
    spec.classes = 10;
    spec.backbone = ml::ResNetOptions::resnet18(3);
    ml::seedInitialWeights(1);
    ml::Classifier classifier(spec);
    ml::ClassificationTask task(classifier, torch::arange(count, torch::kInt64).remainder(10));
    ml::TrainerOptions options;
    options.batchSize = batch;
    options.maxEpochs = 3;
    options.patience = 0;
    for (int held = training; held < count; ++held)
        options.validationSamples.push_back(held);
    std::vector<std::pair<int, double>> stepRates; // (step, images/s) of the timed epochs
    const auto result = ml::Trainer(options).fit(task, cache, records, [&](const ml::TrainProgress& p) {
        if (!p.validated && p.epoch > 1 && p.imagesPerSecond > 0)
            stepRates.emplace_back(p.step, p.imagesPerSecond);
    });
    double timedImages = 0;
    double timedSeconds = 0;
    for (const auto& [step, rate] : stepRates) {
        const double images =
            std::min<double>(batch, static_cast<double>(result.trainingSamples.size()) - (step - 1.0) * batch);
        timedImages += images;
        timedSeconds += images / rate;
    }
    const double trainRate = timedSeconds > 0 ? timedImages / timedSeconds : 0;

    // Inference (probabilities) and featurization (penultimate-layer embeddings) of every record.
    const auto rateOf = [&](const ml::InferenceOptions& inference) {
        ml::predict(classifier, cache, std::vector<std::int64_t>(records.begin(), records.begin() + batch), inference);
        const auto started = Clock::now();
        ml::predict(classifier, cache, records, inference);
        return static_cast<double>(records.size()) / secondsSince(started);
    };
    const double inferRate = rateOf({.batchSize = batch});
    const double featureRate = rateOf({.batchSize = batch, .probabilities = false, .embeddings = true});
    // What one checkpoint write costs (TrainerOptions::checkpointEverySeconds spaces them).
    const auto checkpointFile = work / "speed-checkpoint.pt";
    ml::saveCheckpoint(checkpointFile, task);
    const auto savesStarted = Clock::now();
    constexpr int kSaves = 3;
    for (int i = 0; i < kSaves; ++i)
        ml::saveCheckpoint(checkpointFile, task, {{"epoch", std::to_string(i)}});
    const double saveMs = secondsSince(savesStarted) * 1000 / kSaves;
    const double checkpointMb = static_cast<double>(fs::file_size(checkpointFile)) / 1e6;
    const auto info = ml::engineInfo();
    std::printf("pixmark engine (LibTorch %s) on %s, %d threads: ResNet-18, %d px RGB, batch %d, %zu training images "
                "timed: training %.1f images/s, inference %.1f images/s, featurization %.1f images/s; "
                "a checkpoint of %.1f MB saves in %.0f ms\n",
                info.torchVersion.c_str(), result.device.c_str(), torch::get_num_threads(), side, batch,
                static_cast<std::size_t>(timedImages), trainRate, inferRate, featureRate, checkpointMb, saveMs);
    std::printf("cache for the peer: %s\n", cacheFile.string().c_str());
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // progress lines show up as they happen when piped
    const std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (args.size() >= 4 && args[0] == "quality")
            return quality(args[1], args[2], args[3], args.size() > 4 ? std::stoi(args[4]) : 1000,
                           args.size() > 5 ? std::stoi(args[5]) : 0, args.size() > 6 ? std::stoi(args[6]) != 0 : true);
        if (args.size() >= 2 && args[0] == "speed")
            return speed(args[1], args.size() > 2 ? std::stoi(args[2]) : 224, args.size() > 3 ? std::stoi(args[3]) : 16,
                         args.size() > 4 ? std::stoi(args[4]) : 8);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    std::fprintf(stderr, "usage: %s quality IMAGES.idx3 LABELS.idx1 WORKDIR [LABELED] [REST] [FLIP]\n"
                         "       %s speed WORKDIR [SIDE] [BATCH] [STEPS]\n",
                 argv[0], argv[0]);
    return 2;
}
