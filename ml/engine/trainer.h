#pragma once
// The one training loop of the engine, for any Task: held-out split, device batches from the
// training cache, on-device augmentation, AdamW with warm-up and cosine decay, bfloat16
// autocast and channels-last on CUDA, all cores on the CPU, early stopping on the held-out
// loss, checkpoints, progress and cancel.

#include "ml/engine/augment.h"
#include "ml/engine/cache_reader.h"
#include "ml/engine/consistency.h"
#include "ml/engine/task.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace pixmark::ml {

/// How to train. The defaults suit a few hundred to a few thousand labeled images.
struct TrainerOptions {
    int maxEpochs = 40;
    int batchSize = 64;
    double learningRate = 2e-3;
    double weightDecay = 5e-4;
    int warmupEpochs = 1;
    /// Held-out part of the labeled samples, kept in proportion per stratum (class).
    double validationFraction = 0.2;
    /// When not empty, exactly these samples are held out instead.
    std::vector<std::int64_t> validationSamples;
    /// Stop after this many epochs without a better held-out loss (0: never stop early).
    int patience = 6;
    unsigned seed = 1;
    /// "cpu", "cuda", "cuda:1"...; empty picks CUDA when present (see device.h).
    std::string device;
    bool mixedPrecision = true; ///< bfloat16 autocast, CUDA only
    bool channelsLast = true;   ///< CUDA only
    int cpuThreads = 0;         ///< 0: every core
    bool augment = true;
    AugmentOptions augmentOptions;
    /// When set, the best state so far is saved here (see checkpoint.h), so that a stopped
    /// training can go on from it.
    std::filesystem::path checkpoint;
    /// The checkpoint is written at the first kept epoch, then at most this often, and once
    /// more when the loop ends with a newer kept state unwritten (cancelled, stopped early or
    /// done). A killed process loses at most this much training; short epochs (a GPU's) do
    /// not wait on writing a ResNet-18's 45 MB each time. 0: at every kept epoch.
    double checkpointEverySeconds = 30;
    /// When above 0, an exponential moving average of the weights (this decay per step, less
    /// in the first steps) is what is validated, kept as the best state and returned; it
    /// smooths out the noise of the last steps. 0: the weights as trained.
    double weightAverageDecay = 0;
    /// Keep the weights of the last epoch, not those of the lowest held-out loss, and never stop
    /// early. For a long schedule on plentiful noisy targets (a self-training student): its
    /// held-out loss bottoms out early, as the model grows surer, while its accuracy and its
    /// ranking of sure decisions go on improving to the end of the cosine decay.
    bool keepLastWeights = false;
    /// Stop an epoch after this many steps (0: all); for quick runs and measurements.
    int maxStepsPerEpoch = 0;
    /// Unlabeled images learned from beside the labels (consistency.h); off by default. An
    /// epoch is still one pass over the labeled images.
    ConsistencyOptions consistency;
};

/// A report after every training step and after every validation.
struct TrainProgress {
    int epoch = 0; ///< 1-based
    int maxEpochs = 0;
    int step = 0;  ///< 1-based within the epoch
    int stepsPerEpoch = 0;
    double trainLoss = 0;        ///< mean over the last finished epoch (0 before the first)
    double validationLoss = 0;   ///< of the last validation (0 before the first)
    double validationMetric = 0;
    double imagesPerSecond = 0;  ///< throughput of the last step (labeled images)
    /// With consistency training: the share of the last finished epoch's unlabeled images whose
    /// weak view was sure enough to teach the strong one.
    double unlabeledAccepted = 0;
    bool validated = false;      ///< this report follows a validation
};

/// What happened. The task holds the best weights (lowest held-out loss; with keepLastWeights,
/// the last epoch's) on return; best* describe them.
struct TrainResult {
    std::string device;
    int epochsRun = 0;
    int bestEpoch = 0;
    double bestValidationLoss = 0;
    double bestValidationMetric = 0;
    std::vector<double> trainLoss;      ///< per epoch
    std::vector<double> validationLoss; ///< per epoch
    std::vector<double> unlabeledAccepted; ///< per epoch, with consistency training (see TrainProgress)
    std::vector<std::int64_t> trainingSamples;
    std::vector<std::int64_t> validationSamples;
    bool stoppedEarly = false;
    bool cancelled = false;
    double imagesPerSecond = 0; ///< training steps only, excluding validation
};

using TrainProgressCallback = std::function<void(const TrainProgress&)>;
/// Polled between steps; returning true stops training with the best state so far.
using CancelCheck = std::function<bool()>;

/// Seeds the random initial weights of the models built next (LibTorch draws them from one
/// process-wide generator, which starts from a random seed). With this called with the
/// training's seed before the model is built, the same labels, seed and thread count give the
/// same model on the CPU; fit() seeds everything after the model is built.
void seedInitialWeights(unsigned seed);

/// Trains tasks; one instance can train several in turn.
class Trainer {
public:
    explicit Trainer(TrainerOptions options = {});
    const TrainerOptions& options() const { return mOptions; }

    /// Trains `task` where sample i is the image at cache record records[i]. Throws
    /// InvalidInputError when the records and the task disagree, nothing can be trained, or
    /// unlabeled images are given that the task cannot learn from or that are held out.
    TrainResult fit(Task& task, const TrainingCacheReader& cache, const std::vector<std::int64_t>& records,
                    const TrainProgressCallback& progress = {}, const CancelCheck& cancel = {}) const;

    /// Splits samples into (training, held-out), stratified and seeded as fit() does.
    static std::pair<std::vector<std::int64_t>, std::vector<std::int64_t>> split(const Task& task, double fraction,
                                                                                 unsigned seed);

private:
    TrainerOptions mOptions;
};

} // namespace pixmark::ml
