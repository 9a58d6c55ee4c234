// Classifier, trainer and checkpoints on tiny models that train in seconds on the CPU.
#include "ml/engine/batch_loader.h"
#include "ml/engine/cache_reader.h"
#include "ml/engine/checkpoint.h"
#include "ml/engine/classification_task.h"
#include "ml/engine/classifier.h"
#include "ml/engine/errors.h"
#include "ml/engine/calibration.h"
#include "ml/engine/inference.h"
#include "ml/engine/self_training.h"
#include "ml/engine/trainer.h"
#include "tests/ml/tiny_training.h"

#include <catch2/catch.hpp>
#include <torch/script.h>
#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <unistd.h>

using namespace pixmark;
namespace fs = std::filesystem;

using namespace pixmark::test;

TEST_CASE("A tiny classifier trains a few steps and its loss falls", "[ml][train]")
{
    const auto folder = scratchFolder("train");
    const ml::TrainingCacheReader cache(writeTwoClassCache(folder, 96));
    torch::manual_seed(11); // the initial weights; fit() seeds everything after them
    ml::Classifier classifier(tinySpec());
    ml::ClassificationTask task(classifier, alternatingLabels(96));

    int reports = 0;
    const auto result = ml::Trainer(quickOptions()).fit(task, cache, allRecords(cache),
                                                        [&](const ml::TrainProgress& p) {
                                                            ++reports;
                                                            CHECK(p.epoch >= 1);
                                                        });
    REQUIRE(result.epochsRun == 6);
    CHECK(result.device == "cpu");
    CHECK(reports > 6);
    CHECK(result.validationSamples.size() == 20); // 20 % of 48 per class, rounded
    CHECK(result.trainLoss.back() < 0.7 * result.trainLoss.front());
    CHECK(result.bestValidationMetric >= 0.9);
    CHECK(result.imagesPerSecond > 0);

    // The held-out images are now classified right through inference as well.
    std::vector<std::int64_t> held(result.validationSamples.begin(), result.validationSamples.end());
    const auto predictions = ml::predict(classifier, cache, held, {.batchSize = 8, .embeddings = true});
    REQUIRE(predictions.probabilities.size(0) == static_cast<std::int64_t>(held.size()));
    CHECK(predictions.embeddings.size(1) == 16);
    const auto truth = alternatingLabels(96).index_select(0, torch::tensor(held));
    CHECK(predictions.probabilities.argmax(1).eq(truth).to(torch::kFloat32).mean().item<float>() >= 0.9f);
    CHECK(predictions.probabilities.sum(1).allclose(torch::ones({static_cast<std::int64_t>(held.size())})));
    fs::remove_all(folder);
}

TEST_CASE("A student trains from scratch on labels and prelabels, holding out the teacher's labels", "[ml][self-training]")
{
    const auto folder = scratchFolder("student");
    const ml::TrainingCacheReader cache(writeTwoClassCache(folder, 160));
    const auto records = allRecords(cache);
    const std::vector<std::int64_t> labeled(records.begin(), records.begin() + 40);
    const std::vector<std::int64_t> unlabeled(records.begin() + 40, records.end());
    torch::manual_seed(11);
    ml::Classifier teacher(tinySpec());
    ml::ClassificationTask teacherTask(teacher, alternatingLabels(40));
    const auto taught = ml::Trainer(quickOptions()).fit(teacherTask, cache, labeled);
    std::vector<std::int64_t> heldRecords;
    for (const auto sample : taught.validationSamples)
        heldRecords.push_back(labeled[static_cast<std::size_t>(sample)]);
    const auto calibration =
        ml::calibrate(ml::predict(teacher, cache, heldRecords).probabilities,
                      alternatingLabels(40).index_select(0, torch::tensor(taught.validationSamples)), ml::LabelMode::MultiClass,
                      {.targetPrecision = 0.9});
    REQUIRE(calibration.global.reached);

    const auto set = ml::studentTrainingSet(labeled, alternatingLabels(40), unlabeled,
                                            ml::predict(teacher, cache, unlabeled).probabilities, calibration);
    REQUIRE(set.pseudoLabeled > 40);
    // Record r has class r % 2: the prelabels the student learns from are right.
    const auto pseudoRecords = torch::tensor(std::vector<std::int64_t>(set.records.begin() + 40, set.records.end()));
    CHECK(set.targets.slice(0, 40).eq(pseudoRecords.remainder(2)).to(torch::kFloat32).mean().item<float>() >= 0.9f);

    auto options = quickOptions();
    options.validationSamples = taught.validationSamples;
    ml::Classifier student(tinySpec());
    ml::ClassificationTask studentTask(student, set.targets);
    const auto studied = ml::Trainer(options).fit(studentTask, cache, set.records);
    // Held out are the same human labels; every prelabel is trained on.
    CHECK(studied.validationSamples == taught.validationSamples);
    CHECK(studied.trainingSamples.size() == set.records.size() - taught.validationSamples.size());
    CHECK(studied.trainLoss.back() < 0.7 * studied.trainLoss.front());
    CHECK(studied.bestValidationMetric >= 0.9);
    fs::remove_all(folder);
}

TEST_CASE("With weight averaging, the averaged weights are validated, kept and returned", "[ml][train]")
{
    const auto folder = scratchFolder("average");
    const ml::TrainingCacheReader cache(writeTwoClassCache(folder, 96));
    torch::manual_seed(11);
    ml::Classifier classifier(tinySpec());
    ml::ClassificationTask task(classifier, alternatingLabels(96));
    auto options = quickOptions();
    options.weightAverageDecay = 0.9;
    const auto result = ml::Trainer(options).fit(task, cache, allRecords(cache));
    REQUIRE(result.epochsRun == 6);
    CHECK(result.trainLoss.back() < 0.7 * result.trainLoss.front());
    CHECK(result.bestValidationMetric >= 0.9);

    // The returned weights are the ones that validated best: on the held-out images they give
    // exactly the best held-out loss (the weights as trained would give another).
    torch::NoGradGuard noGrad;
    task.setTraining(false);
    const auto& held = result.validationSamples;
    const auto loss = task.loss(task.forward(ml::loadBatch(cache, held, classifier.device())),
                                torch::tensor(held, torch::kInt64));
    CHECK(loss.item<double>() == Approx(result.bestValidationLoss).epsilon(1e-4));
    fs::remove_all(folder);
}

TEST_CASE("Training stops early when the held-out loss stops improving, and can be cancelled", "[ml][train]")
{
    const auto folder = scratchFolder("stop");
    const ml::TrainingCacheReader cache(writeTwoClassCache(folder, 64));
    ml::Classifier classifier(tinySpec());
    // Random labels: nothing generalizes, so the held-out loss cannot keep improving.
    ml::ClassificationTask noise(classifier, torch::randint(2, {64}, torch::kInt64));
    auto options = quickOptions();
    options.maxEpochs = 40;
    options.patience = 2;
    const auto stopped = ml::Trainer(options).fit(noise, cache, allRecords(cache));
    CHECK(stopped.stoppedEarly);
    CHECK(stopped.epochsRun < 40);
    CHECK(stopped.bestEpoch == stopped.epochsRun - 2);

    // Keeping the last weights: the same noise trains to the end, and the model holds the
    // last epoch's weights (equal to those checkpointed then), not the best held-out loss's.
    ml::Classifier toTheEnd(tinySpec());
    ml::ClassificationTask noiseToTheEnd(toTheEnd, torch::randint(2, {64}, torch::kInt64));
    auto lastOptions = options;
    lastOptions.maxEpochs = 8;
    lastOptions.keepLastWeights = true;
    lastOptions.checkpoint = folder / "last.pt";
    const auto ranOn = ml::Trainer(lastOptions).fit(noiseToTheEnd, cache, allRecords(cache));
    CHECK_FALSE(ranOn.stoppedEarly);
    CHECK(ranOn.epochsRun == 8);
    CHECK(ranOn.bestEpoch == 8);
    CHECK(ranOn.bestValidationLoss == ranOn.validationLoss.back());
    ml::Classifier reloaded(tinySpec());
    ml::ClassificationTask reloadedTask(reloaded, torch::zeros({64}, torch::kInt64));
    ml::loadCheckpoint(folder / "last.pt", reloadedTask);
    CHECK(torch::equal(ml::predict(toTheEnd, cache, allRecords(cache)).probabilities,
                       ml::predict(reloaded, cache, allRecords(cache)).probabilities));

    int steps = 0;
    const auto cancelled = ml::Trainer(options).fit(
        noise, cache, allRecords(cache), [&](const ml::TrainProgress& p) { steps += p.validated ? 0 : 1; },
        [&] { return steps >= 3; });
    CHECK(cancelled.cancelled);
    CHECK(steps == 3);
    fs::remove_all(folder);
}

TEST_CASE("A checkpoint round trip gives identical outputs, and the wrong model is refused", "[ml][checkpoint]")
{
    const auto folder = scratchFolder("checkpoint");
    const ml::TrainingCacheReader cache(writeTwoClassCache(folder, 48));
    ml::Classifier trained(tinySpec());
    ml::ClassificationTask task(trained, alternatingLabels(48));
    auto options = quickOptions();
    options.maxEpochs = 2;
    options.checkpoint = folder / "best.pt";
    ml::Trainer(options).fit(task, cache, allRecords(cache));
    REQUIRE(fs::exists(folder / "best.pt"));
    ml::saveCheckpoint(folder / "final.pt", task, {{"classes", "top,bottom"}});

    ml::Classifier loaded(tinySpec());
    ml::ClassificationTask loadedTask(loaded, alternatingLabels(48));
    const auto metadata = ml::loadCheckpoint(folder / "final.pt", loadedTask);
    CHECK(metadata.at("classes") == "top,bottom");
    const auto before = ml::predict(trained, cache, allRecords(cache), {.embeddings = true});
    const auto after = ml::predict(loaded, cache, allRecords(cache), {.embeddings = true});
    CHECK(torch::equal(before.probabilities, after.probabilities));
    CHECK(torch::equal(before.embeddings, after.embeddings));

    auto wider = tinySpec();
    wider.backbone.widths = {8, 32};
    ml::Classifier other(wider);
    ml::ClassificationTask otherTask(other, alternatingLabels(48));
    CHECK_THROWS_AS(ml::loadCheckpoint(folder / "final.pt", otherTask), ml::ModelFileError);
    std::ofstream(folder / "broken.pt") << "not a checkpoint";
    CHECK_THROWS_WITH(ml::loadCheckpoint(folder / "broken.pt", loadedTask),
                      Catch::Contains("cannot be read") && Catch::Contains("broken.pt"));
    fs::remove_all(folder);
}

TEST_CASE("The checkpoint is written at the first kept epoch, then at most as often as asked, and at the end",
          "[ml][checkpoint]")
{
    const auto folder = scratchFolder("checkpoint-interval");
    const ml::TrainingCacheReader cache(writeTwoClassCache(folder, 48));
    // The epoch the checkpoint holds, read at each validation (before that epoch is kept).
    const auto checkpointEpochs = [&](double everySeconds, int& atEnd) {
        ml::Classifier classifier(tinySpec());
        ml::ClassificationTask task(classifier, alternatingLabels(48));
        auto options = quickOptions();
        options.maxEpochs = 5;
        options.keepLastWeights = true; // every epoch is kept
        options.checkpoint = folder / "partial.pt";
        options.checkpointEverySeconds = everySeconds;
        fs::remove(options.checkpoint);
        std::vector<int> seen;
        const auto epochIn = [&] {
            ml::Classifier reader(tinySpec());
            ml::ClassificationTask readerTask(reader, alternatingLabels(48));
            return fs::exists(options.checkpoint)
                       ? std::stoi(ml::loadCheckpoint(options.checkpoint, readerTask).at("epoch"))
                       : 0;
        };
        ml::Trainer(options).fit(task, cache, allRecords(cache), [&](const ml::TrainProgress& p) {
            if (p.validated)
                seen.push_back(epochIn());
        });
        atEnd = epochIn();
        return seen;
    };
    int atEnd = 0;
    CHECK(checkpointEpochs(0, atEnd) == std::vector<int>{0, 1, 2, 3, 4});
    CHECK(atEnd == 5);
    // An hour apart: the first kept epoch, then nothing until the loop ends with epoch 5 unwritten.
    CHECK(checkpointEpochs(3600, atEnd) == std::vector<int>{0, 1, 1, 1, 1});
    CHECK(atEnd == 5);
    fs::remove_all(folder);
}

TEST_CASE("A bad TorchScript backbone gives an error the user can act on", "[ml][torchscript]")
{
    const auto folder = scratchFolder("script");
    auto spec = tinySpec();

    spec.torchScriptBackbone = folder / "missing.pt";
    CHECK_THROWS_WITH(ml::Classifier(spec), Catch::Contains("does not exist") && Catch::Contains("torch.jit.save"));

    std::ofstream(folder / "garbage.pt") << "this is not a zip archive";
    spec.torchScriptBackbone = folder / "garbage.pt";
    CHECK_THROWS_AS(ml::Classifier(spec), ml::ModelFileError);
    CHECK_THROWS_WITH(ml::Classifier(spec), Catch::Contains("garbage.pt") && Catch::Contains("not a TorchScript model"));

    // A real TorchScript module that returns one number per image is not a backbone either.
    torch::jit::Module scalar("Scalar");
    scalar.define("def forward(self, x):\n    return x.sum()\n");
    scalar.save((folder / "scalar.pt").string());
    spec.torchScriptBackbone = folder / "scalar.pt";
    CHECK_THROWS_WITH(ml::Classifier(spec), Catch::Contains("[batch, features]"));
    fs::remove_all(folder);
}

TEST_CASE("A TorchScript backbone the user supplies trains under the classifier head", "[ml][torchscript]")
{
    const auto folder = scratchFolder("script-ok");
    torch::jit::Module backbone("Backbone");
    backbone.register_parameter("weight", torch::randn({8, 1, 3, 3}) * 0.3, false);
    backbone.define("def forward(self, x):\n"
                    "    return torch.relu(torch.conv2d(x, self.weight, None, 1, 1))\n");
    backbone.save((folder / "backbone.pt").string());

    const ml::TrainingCacheReader cache(writeTwoClassCache(folder, 64));
    auto spec = tinySpec();
    spec.torchScriptBackbone = folder / "backbone.pt";
    ml::Classifier classifier(spec);
    CHECK(classifier.featureDim() == 8);
    CHECK_THAT(classifier.describe(), Catch::Contains("torchscript c1 f8"));
    ml::ClassificationTask task(classifier, alternatingLabels(64));
    auto options = quickOptions();
    options.augment = false;
    const auto result = ml::Trainer(options).fit(task, cache, allRecords(cache));
    CHECK(result.trainLoss.back() < result.trainLoss.front());
    fs::remove_all(folder);
}

TEST_CASE("Flip averaging at prediction time averages an image and its mirror", "[ml][inference]")
{
    const auto folder = scratchFolder("flip");
    const ml::TrainingCacheReader cache(writeTwoClassCache(folder, 8));
    // The same images mirrored left to right, in a second cache.
    const auto mirroredPath = folder / "mirrored" / "images-16x16x1.bin";
    fs::create_directories(mirroredPath.parent_path());
    {
        test::TrainingCacheWriter writer(mirroredPath, kSide, 1);
        for (std::size_t i = 0; i < cache.size(); ++i) {
            const auto* p = cache.pixels(i);
            std::vector<std::uint8_t> row(kSide * kSide);
            for (int y = 0; y < kSide; ++y)
                for (int x = 0; x < kSide; ++x)
                    row[static_cast<std::size_t>(y * kSide + x)] = p[y * kSide + (kSide - 1 - x)];
            writer.append(static_cast<std::int64_t>(i), row.data(), kSide, kSide);
        }
        writer.finish();
    }
    const ml::TrainingCacheReader mirrored(mirroredPath);
    torch::manual_seed(5);
    ml::Classifier classifier(tinySpec());
    const auto records = allRecords(cache);
    const auto plain = ml::predict(classifier, cache, records, {.embeddings = true});
    const auto flipped = ml::predict(classifier, mirrored, records, {.embeddings = true});
    const auto averaged = ml::predict(classifier, cache, records, {.embeddings = true, .flipAverage = true});
    const auto averagedMirror = ml::predict(classifier, mirrored, records, {.flipAverage = true});
    CHECK(torch::allclose(averaged.probabilities, (plain.probabilities + flipped.probabilities) / 2, 1e-5, 1e-6));
    CHECK(torch::allclose(averaged.embeddings, (plain.embeddings + flipped.embeddings) / 2, 1e-5, 1e-6));
    CHECK(torch::allclose(averaged.probabilities, averagedMirror.probabilities, 1e-5, 1e-6));
    // An untrained model is not mirror-symmetric, so the average really differs from one view.
    CHECK_FALSE(torch::allclose(averaged.probabilities, plain.probabilities, 1e-5, 1e-6));
    fs::remove_all(folder);
}

TEST_CASE("A training is reproducible from its seed on the CPU, initial weights included", "[ml][train][seed]")
{
    const auto folder = scratchFolder("seed");
    const ml::TrainingCacheReader cache(writeTwoClassCache(folder, 96));
    const int threads = GENERATE(1, 2);
    CAPTURE(threads);
    const auto train = [&](unsigned seed) {
        ml::seedInitialWeights(seed);
        ml::Classifier classifier(tinySpec());
        ml::ClassificationTask task(classifier, alternatingLabels(96));
        auto options = quickOptions();
        options.maxEpochs = 3;
        options.seed = seed;
        options.cpuThreads = threads;
        options.augmentOptions.erasing = 0.5; // every augmentation draws random numbers
        ml::Trainer(options).fit(task, cache, allRecords(cache));
        return task.state();
    };
    const auto first = train(5);
    const auto again = train(5);
    const auto other = train(6);
    REQUIRE(first.size() == again.size());
    bool differs = false;
    for (std::size_t i = 0; i < first.size(); ++i) {
        CAPTURE(first[i].first);
        CHECK(torch::equal(first[i].second, again[i].second));
        differs = differs || !torch::equal(first[i].second, other[i].second);
    }
    CHECK(differs);
    fs::remove_all(folder);
}
