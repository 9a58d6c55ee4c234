#include "ml/engine/trainer.h"

#include "ml/engine/batch_loader.h"
#include "ml/engine/checkpoint.h"
#include "ml/engine/device.h"
#include "ml/engine/torch_device.h"
#include "ml/engine/errors.h"
#include "ml/engine/torch_compat.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numbers>
#include <optional>
#include <random>
#include <thread>

namespace pixmark::ml {

namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::pair<std::string, torch::Tensor>> snapshot(Task& task)
{
    std::vector<std::pair<std::string, torch::Tensor>> copy;
    for (const auto& [name, tensor] : task.state())
        copy.emplace_back(name, tensor.detach().clone());
    return copy;
}

void restore(Task& task, const std::vector<std::pair<std::string, torch::Tensor>>& saved)
{
    torch::NoGradGuard noGrad;
    auto state = task.state();
    for (std::size_t i = 0; i < state.size() && i < saved.size(); ++i)
        state[i].second.copy_(saved[i].second);
}

/// Moves the average of the task's state one step towards its current values; integer
/// buffers (batch counts) are copied.
void updateAverage(Task& task, std::vector<std::pair<std::string, torch::Tensor>>& average, double decay)
{
    torch::NoGradGuard noGrad;
    const auto state = task.state();
    for (std::size_t i = 0; i < state.size() && i < average.size(); ++i) {
        const auto& current = state[i].second;
        if (current.is_floating_point())
            average[i].second.mul_(decay).add_(current.detach(), 1 - decay);
        else
            average[i].second.copy_(current);
    }
}

torch::Tensor sampleTensor(const std::vector<std::int64_t>& samples, std::size_t begin, std::size_t end)
{
    return torch::tensor(std::vector<std::int64_t>(samples.begin() + static_cast<std::ptrdiff_t>(begin),
                                                   samples.begin() + static_cast<std::ptrdiff_t>(end)),
                         torch::kInt64);
}

std::vector<std::int64_t> recordsOf(const std::vector<std::int64_t>& records, const std::vector<std::int64_t>& samples,
                                    std::size_t begin, std::size_t end)
{
    std::vector<std::int64_t> out;
    out.reserve(end - begin);
    for (std::size_t i = begin; i < end; ++i)
        out.push_back(records[static_cast<std::size_t>(samples[i])]);
    return out;
}

} // namespace

void seedInitialWeights(unsigned seed)
{
    torch::manual_seed(seed);
}

Trainer::Trainer(TrainerOptions options) : mOptions(std::move(options)) {}

std::pair<std::vector<std::int64_t>, std::vector<std::int64_t>> Trainer::split(const Task& task, double fraction,
                                                                               unsigned seed)
{
    std::map<std::int64_t, std::vector<std::int64_t>> strata;
    for (std::int64_t i = 0; i < task.sampleCount(); ++i)
        strata[task.stratum(i)].push_back(i);
    std::mt19937 rng(seed);
    std::vector<std::int64_t> training, heldOut;
    for (auto& [stratum, samples] : strata) {
        std::shuffle(samples.begin(), samples.end(), rng);
        // Rounded per stratum, and a stratum of one stays in training: it cannot be learned otherwise.
        auto take = static_cast<std::size_t>(std::lround(fraction * static_cast<double>(samples.size())));
        take = std::min(take, samples.size() > 1 ? samples.size() - 1 : 0);
        heldOut.insert(heldOut.end(), samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(take));
        training.insert(training.end(), samples.begin() + static_cast<std::ptrdiff_t>(take), samples.end());
    }
    std::sort(training.begin(), training.end());
    std::sort(heldOut.begin(), heldOut.end());
    return {training, heldOut};
}

TrainResult Trainer::fit(Task& task, const TrainingCacheReader& cache, const std::vector<std::int64_t>& records,
                         const TrainProgressCallback& progress, const CancelCheck& cancel) const
{
    const auto& o = mOptions;
    if (static_cast<std::int64_t>(records.size()) != task.sampleCount())
        throw InvalidInputError("The trainer got " + std::to_string(records.size()) + " images for " +
                                std::to_string(task.sampleCount()) + " labeled samples.");
    for (const auto r : records) {
        if (r < 0 || static_cast<std::size_t>(r) >= cache.size())
            throw InvalidInputError("A training image (cache record " + std::to_string(r) +
                                    ") is not in the training cache; update the cache and try again.");
    }
    if (o.batchSize < 2 || o.maxEpochs < 1)
        throw InvalidInputError("Training needs a batch size of at least 2 and at least one epoch.");

    keepHostMemory();
    const torch::Device device = resolveDevice(o.device);
    const bool cuda = device.is_cuda();
    const bool channelsLast = cuda && o.channelsLast;
    if (!cuda) {
        const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
        torch::set_num_threads(o.cpuThreads > 0 ? o.cpuThreads : static_cast<int>(cores));
    }
    torch::manual_seed(o.seed);

    TrainResult result;
    result.device = device.str();
    if (o.validationSamples.empty()) {
        std::tie(result.trainingSamples, result.validationSamples) = split(task, o.validationFraction, o.seed);
    } else {
        std::vector<bool> held(static_cast<std::size_t>(task.sampleCount()), false);
        for (const auto s : o.validationSamples) {
            if (s < 0 || s >= task.sampleCount())
                throw InvalidInputError("A held-out sample number is outside the labeled samples.");
            held[static_cast<std::size_t>(s)] = true;
        }
        for (std::int64_t i = 0; i < task.sampleCount(); ++i)
            (held[static_cast<std::size_t>(i)] ? result.validationSamples : result.trainingSamples).push_back(i);
    }
    if (result.trainingSamples.size() < 2)
        throw InvalidInputError("Training needs at least two labeled images outside the held-out part.");

    const auto& consistency = o.consistency;
    const bool unlabeled = !consistency.records.empty();
    if (unlabeled) {
        if (!task.learnsFromUnlabeled())
            throw InvalidInputError(task.cannotLearnFromUnlabeled());
        if (consistency.ratio < 1 || !(consistency.threshold > 0 && consistency.threshold <= 1) ||
            !(consistency.weight >= 0))
            throw InvalidInputError("Consistency training needs at least one unlabeled image per labeled one, a "
                                    "confidence threshold in (0, 1] and a weight of zero or more.");
        std::vector<bool> heldRecord(cache.size(), false);
        for (const auto s : result.validationSamples)
            heldRecord[static_cast<std::size_t>(records[static_cast<std::size_t>(s)])] = true;
        for (const auto r : consistency.records) {
            if (r < 0 || static_cast<std::size_t>(r) >= cache.size())
                throw InvalidInputError("An unlabeled image (cache record " + std::to_string(r) +
                                        ") is not in the training cache; update the cache and try again.");
            if (heldRecord[static_cast<std::size_t>(r)])
                throw InvalidInputError("Cache record " + std::to_string(r) +
                                        " is held out for calibration and cannot also be learned from unlabeled.");
        }
    }

    task.to(device, channelsLast);
    auto optimizer = torch::optim::AdamW(task.parameters(),
                                         torch::optim::AdamWOptions(o.learningRate).weight_decay(o.weightDecay));
    const Augmenter augmenter(o.augmentOptions);
    // The weak view is the trainer's own augmentation without erasing: its answer must be the
    // model's best guess of the image, not of a damaged copy.
    AugmentOptions weakOptions = o.augmentOptions;
    weakOptions.erasing = 0;
    const Augmenter weakAugmenter(weakOptions);
    const Augmenter strongAugmenter(consistency.strong.value_or(o.augmentOptions.strong()));
    UnlabeledCycle unlabeledCycle(consistency.records, o.seed + 1);

    auto training = result.trainingSamples;
    const std::size_t batch = static_cast<std::size_t>(o.batchSize);
    // The last partial batch is dropped when it would hold a single image: batch norm cannot train on one.
    std::size_t steps = (training.size() + batch - 1) / batch;
    if (training.size() % batch == 1)
        --steps;
    if (o.maxStepsPerEpoch > 0)
        steps = std::min(steps, static_cast<std::size_t>(o.maxStepsPerEpoch));
    const double totalSteps = static_cast<double>(steps) * o.maxEpochs;
    const double warmupSteps = std::min(totalSteps / 2, static_cast<double>(steps) * o.warmupEpochs);

    std::mt19937 rng(o.seed);
    std::vector<std::pair<std::string, torch::Tensor>> best;
    std::vector<std::pair<std::string, torch::Tensor>> average;
    if (o.weightAverageDecay > 0)
        average = snapshot(task);
    double bestLoss = std::numeric_limits<double>::infinity();
    int epochsWithoutGain = 0;
    // When the checkpoint was last written, and a kept epoch not written since (0: none).
    std::optional<Clock::time_point> lastCheckpoint;
    int unwrittenEpoch = 0;
    std::int64_t imagesTrained = 0;
    double secondsTraining = 0;
    std::int64_t globalStep = 0;
    TrainProgress report;
    report.maxEpochs = o.maxEpochs;
    report.stepsPerEpoch = static_cast<int>(steps);

    for (int epoch = 1; epoch <= o.maxEpochs && !result.cancelled; ++epoch) {
        report.epoch = epoch;
        std::shuffle(training.begin(), training.end(), rng);
        task.setTraining(true);
        auto lossSum = torch::zeros({}, torch::TensorOptions().device(device));
        auto acceptedSum = torch::zeros({}, torch::TensorOptions().device(device).dtype(torch::kInt64));
        std::int64_t epochImages = 0;
        std::int64_t epochUnlabeled = 0;
        const auto epochStarted = Clock::now();
        for (std::size_t step = 0; step < steps; ++step) {
            if (cancel && cancel()) {
                result.cancelled = true;
                break;
            }
            const auto started = Clock::now();
            const std::size_t begin = step * batch;
            const std::size_t end = std::min(begin + batch, training.size());
            auto images = loadBatch(cache, recordsOf(records, training, begin, end), device, channelsLast);
            const auto samples = sampleTensor(training, begin, end);
            if (o.augment)
                images = task.augment(augmenter, images, samples);

            const double t = static_cast<double>(globalStep++);
            const double lr = t < warmupSteps ? o.learningRate * (t + 1) / (warmupSteps + 1)
                                              : o.learningRate * 0.5 *
                                                    (1 + std::cos(std::numbers::pi * (t - warmupSteps) /
                                                                  std::max(1.0, totalSteps - warmupSteps)));
            for (auto& group : optimizer.param_groups())
                static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);

            torch::Tensor loss;
            const auto n = static_cast<std::int64_t>(end - begin);
            if (unlabeled) {
                const auto unlabeledRecords = unlabeledCycle.next(static_cast<std::size_t>(n * consistency.ratio));
                const auto pool = loadBatch(cache, unlabeledRecords, device, channelsLast);
                torch::Tensor weakOutputs;
                {
                    torch::NoGradGuard noGrad;
                    compat::AutocastGuard autocast(device, o.mixedPrecision);
                    weakOutputs = task.forward(weakAugmenter.apply(pool).images);
                }
                // Labeled and strong images in one forward pass: batch norm sees both as one batch.
                const auto strong = strongAugmenter.apply(pool).images;
                compat::AutocastGuard autocast(device, o.mixedPrecision);
                const auto outputs = task.forward(torch::cat({images, strong}));
                torch::Tensor accepted;
                const auto unlabeledLoss =
                    task.consistencyLoss(weakOutputs, outputs.narrow(0, n, strong.size(0)), consistency.threshold, accepted);
                loss = task.loss(outputs.narrow(0, 0, n), samples) + consistency.weight * unlabeledLoss;
                acceptedSum += accepted.to(torch::kInt64);
                epochUnlabeled += strong.size(0);
            } else {
                compat::AutocastGuard autocast(device, o.mixedPrecision);
                loss = task.loss(task.forward(images), samples);
            }
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            // Early on the average follows faster, so that it never holds much of the initial weights.
            if (!average.empty())
                updateAverage(task, average, std::min(o.weightAverageDecay, (1.0 + t) / (10.0 + t)));
            lossSum += loss.detach() * static_cast<double>(n);
            epochImages += n;

            if (progress) {
                // The rate of this step; on a GPU it is only honest after a sync, so only listeners pay for one.
                compat::synchronize(device);
                const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
                report.step = static_cast<int>(step + 1);
                report.validated = false;
                report.imagesPerSecond = seconds > 0 ? static_cast<double>(n) / seconds : 0;
                progress(report);
            }
        }
        if (epochImages == 0)
            break;
        compat::synchronize(device);
        secondsTraining += std::chrono::duration<double>(Clock::now() - epochStarted).count();
        imagesTrained += epochImages;
        report.trainLoss = lossSum.item<double>() / static_cast<double>(epochImages);
        result.trainLoss.push_back(report.trainLoss);
        if (unlabeled) {
            report.unlabeledAccepted =
                epochUnlabeled > 0 ? acceptedSum.item<double>() / static_cast<double>(epochUnlabeled) : 0;
            result.unlabeledAccepted.push_back(report.unlabeledAccepted);
        }
        result.epochsRun = epoch;

        // Held-out loss and metric, in eval mode, of the averaged weights when averaging.
        std::vector<std::pair<std::string, torch::Tensor>> trainedWeights;
        if (!average.empty()) {
            trainedWeights = snapshot(task);
            restore(task, average);
        }
        double validationLoss = report.trainLoss;
        double metric = 0;
        if (!result.validationSamples.empty()) {
            task.setTraining(false);
            torch::NoGradGuard noGrad;
            double lossTotal = 0;
            const auto& held = result.validationSamples;
            for (std::size_t begin = 0; begin < held.size(); begin += batch) {
                const std::size_t end = std::min(begin + batch, held.size());
                const auto images = loadBatch(cache, recordsOf(records, held, begin, end), device, channelsLast);
                const auto samples = sampleTensor(held, begin, end);
                torch::Tensor outputs;
                {
                    compat::AutocastGuard autocast(device, o.mixedPrecision);
                    outputs = task.forward(images);
                }
                lossTotal += task.loss(outputs, samples).item<double>() * static_cast<double>(end - begin);
                metric += task.metricSum(outputs, samples);
            }
            validationLoss = lossTotal / static_cast<double>(held.size());
            metric /= static_cast<double>(held.size());
        }
        result.validationLoss.push_back(validationLoss);
        report.validationLoss = validationLoss;
        report.validationMetric = metric;
        report.validated = true;
        if (progress)
            progress(report);

        const bool improved = validationLoss < bestLoss;
        if (improved || o.keepLastWeights) {
            bestLoss = validationLoss;
            result.bestEpoch = epoch;
            result.bestValidationLoss = validationLoss;
            result.bestValidationMetric = metric;
            epochsWithoutGain = 0;
            best = snapshot(task);
            if (!o.checkpoint.empty()) {
                const auto now = Clock::now();
                if (!lastCheckpoint ||
                    std::chrono::duration<double>(now - *lastCheckpoint).count() >= o.checkpointEverySeconds) {
                    saveCheckpoint(o.checkpoint, task, {{"epoch", std::to_string(epoch)}});
                    lastCheckpoint = now;
                    unwrittenEpoch = 0;
                } else {
                    unwrittenEpoch = epoch;
                }
            }
        }
        if (!trainedWeights.empty())
            restore(task, trainedWeights);
        if (!improved && o.patience > 0 && !result.validationSamples.empty() && ++epochsWithoutGain >= o.patience) {
            result.stoppedEarly = true;
            break;
        }
    }
    if (!best.empty())
        restore(task, best);
    if (unwrittenEpoch != 0)
        saveCheckpoint(o.checkpoint, task, {{"epoch", std::to_string(unwrittenEpoch)}});
    task.setTraining(false);
    result.imagesPerSecond = secondsTraining > 0 ? static_cast<double>(imagesTrained) / secondsTraining : 0;
    return result;
}

} // namespace pixmark::ml
