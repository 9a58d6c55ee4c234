// Consistency training (FixMatch) on unlabeled images: its loss on fixed outputs, the order in
// which unlabeled images are seen, a tiny training, and the inputs it refuses.
#include "ml/engine/classification_task.h"
#include "ml/engine/consistency.h"
#include "ml/engine/detection_task.h"
#include "ml/engine/detector.h"
#include "ml/engine/errors.h"
#include "ml/engine/trainer.h"
#include "tests/ml/tiny_training.h"

#include <catch2/catch.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>

using namespace pixmark;
using namespace pixmark::test;

TEST_CASE("Only sure weak views teach the strong views, averaged over every unlabeled image", "[ml][consistency]")
{
    ml::ClassifierSpec spec = tinySpec();
    spec.classes = 3;
    ml::Classifier classifier(spec);
    ml::ClassificationTask task(classifier, torch::zeros({1}, torch::kInt64));

    // Softmax of (log 96, log 2, log 2) is (0.96, 0.02, 0.02): sure of class 0 at 0.95. The second
    // row (0.5, 0.25, 0.25) is not, and must add nothing whatever its strong view says.
    const auto weak = torch::log(torch::tensor({{96.0f, 2.0f, 2.0f}, {2.0f, 1.0f, 1.0f}}));
    const auto strong = torch::tensor({{0.0f, 1.0f, 2.0f}, {5.0f, -5.0f, 0.0f}}, torch::requires_grad());
    torch::Tensor accepted;
    const auto loss = task.consistencyLoss(weak, strong, 0.95, accepted);
    const double firstRow = -std::log(std::exp(0.0) / (std::exp(0.0) + std::exp(1.0) + std::exp(2.0)));
    CHECK(loss.item<double>() == Approx(firstRow / 2).epsilon(1e-5));
    CHECK(accepted.item<std::int64_t>() == 1);
    loss.backward();
    CHECK(strong.grad()[1].abs().sum().item<float>() == 0.0f); // the unsure image teaches nothing
    CHECK(strong.grad()[0].abs().sum().item<float>() > 0.0f);

    // At a lower threshold both rows teach.
    torch::Tensor both;
    task.consistencyLoss(weak, strong.detach(), 0.5, both);
    CHECK(both.item<std::int64_t>() == 2);

    // Multi-label: each class on its own, sure when at least the threshold or at most one minus it.
    ml::ClassifierSpec multi = tinySpec();
    multi.classes = 2;
    multi.mode = ml::LabelMode::MultiLabel;
    ml::Classifier multiClassifier(multi);
    ml::ClassificationTask multiTask(multiClassifier, torch::zeros({1, 2}));
    const auto sureLogit = std::log(0.97 / 0.03);
    const auto weakMulti = torch::tensor({{static_cast<float>(sureLogit), static_cast<float>(-sureLogit)},
                                          {static_cast<float>(sureLogit), 0.0f}});
    torch::Tensor acceptedMulti;
    const auto multiLoss = multiTask.consistencyLoss(weakMulti, torch::zeros({2, 2}), 0.95, acceptedMulti);
    // Three sure decisions of four, each log 2 against a strong logit of 0; the mean is over all four.
    CHECK(multiLoss.item<double>() == Approx(3 * std::log(2.0) / 4).epsilon(1e-5));
    CHECK(acceptedMulti.item<std::int64_t>() == 1); // only the first image is sure of every class
}

TEST_CASE("Unlabeled images are seen once per pass, in a seeded order", "[ml][consistency]")
{
    const std::vector<std::int64_t> records{10, 11, 12, 13, 14, 15, 16};
    ml::UnlabeledCycle cycle(records, 3);
    auto first = cycle.next(4);
    const auto rest = cycle.next(3);
    first.insert(first.end(), rest.begin(), rest.end());
    auto sorted = first;
    std::sort(sorted.begin(), sorted.end());
    CHECK(sorted == records);

    // A request across the end of a pass finishes this pass and starts the next one.
    const auto across = cycle.next(10);
    auto secondPass = std::vector<std::int64_t>(across.begin(), across.begin() + 7);
    std::sort(secondPass.begin(), secondPass.end());
    CHECK(secondPass == records);

    ml::UnlabeledCycle again(records, 3);
    CHECK(again.next(7) == std::vector<std::int64_t>(first.begin(), first.end()));
    CHECK(ml::UnlabeledCycle({}, 1).next(5).empty());
}

TEST_CASE("A tiny classifier learns from unlabeled images beside its labels", "[ml][consistency][train]")
{
    const auto folder = scratchFolder("consistency");
    const ml::TrainingCacheReader cache(writeTwoClassCache(folder, 160));
    const auto records = allRecords(cache);
    const std::vector<std::int64_t> labeled(records.begin(), records.begin() + 40);
    const std::vector<std::int64_t> unlabeled(records.begin() + 40, records.end());
    torch::manual_seed(11);
    ml::Classifier classifier(tinySpec());
    ml::ClassificationTask task(classifier, alternatingLabels(40));

    auto options = quickOptions();
    options.maxEpochs = 20;
    options.consistency.records = unlabeled;
    options.consistency.ratio = 2;
    options.consistency.threshold = 0.8;
    std::vector<double> reported;
    const auto result = ml::Trainer(options).fit(task, cache, labeled, [&](const ml::TrainProgress& p) {
        if (p.validated)
            reported.push_back(p.unlabeledAccepted);
    });
    REQUIRE(result.unlabeledAccepted.size() == static_cast<std::size_t>(result.epochsRun));
    CHECK(reported == result.unlabeledAccepted);
    for (const double share : result.unlabeledAccepted) {
        CHECK(share >= 0.0);
        CHECK(share <= 1.0);
    }
    // As the model learns the stripes it grows sure of unlabeled images, which then teach.
    CHECK(result.unlabeledAccepted.front() == 0.0);
    CHECK(result.unlabeledAccepted.back() > 0.05);
    CHECK(result.trainLoss.back() < 0.7 * result.trainLoss.front());
    CHECK(result.bestValidationMetric >= 0.9);

    // Without unlabeled images nothing is reported for them.
    ml::Classifier plain(tinySpec());
    ml::ClassificationTask plainTask(plain, alternatingLabels(40));
    CHECK(ml::Trainer(quickOptions()).fit(plainTask, cache, labeled).unlabeledAccepted.empty());
    fs::remove_all(folder);
}

TEST_CASE("Consistency training refuses held-out, missing and unusable unlabeled images", "[ml][consistency]")
{
    const auto folder = scratchFolder("consistency-refused");
    const ml::TrainingCacheReader cache(writeTwoClassCache(folder, 40));
    const auto records = allRecords(cache);
    const std::vector<std::int64_t> labeled(records.begin(), records.begin() + 20);
    ml::Classifier classifier(tinySpec());
    ml::ClassificationTask task(classifier, alternatingLabels(20));

    auto options = quickOptions();
    options.maxEpochs = 1;
    options.validationSamples = {0, 1, 2, 3};
    options.consistency.records = {30, 2};
    CHECK_THROWS_WITH(ml::Trainer(options).fit(task, cache, labeled),
                      Catch::Contains("record 2 is held out for calibration"));
    options.consistency.records = {30, 400};
    CHECK_THROWS_WITH(ml::Trainer(options).fit(task, cache, labeled),
                      Catch::Contains("cache record 400) is not in the training cache"));
    options.consistency.records = {30, 31};
    options.consistency.ratio = 0;
    CHECK_THROWS_AS(ml::Trainer(options).fit(task, cache, labeled), ml::InvalidInputError);
    options.consistency.ratio = 1;
    options.consistency.threshold = 1.5;
    CHECK_THROWS_WITH(ml::Trainer(options).fit(task, cache, labeled), Catch::Contains("threshold in (0, 1]"));

    // A detector has no consistency loss (yet): it says so before any training.
    ml::Detector detector(tinyDetector());
    const std::vector<std::vector<ml::BoxTarget>> boxes(20, {ml::BoxTarget{.x = 2, .y = 2, .width = 8, .height = 8, .classIndex = 0}});
    ml::DetectionTask detection(detector, boxes, cache, labeled);
    options.consistency.threshold = 0.95;
    CHECK_THROWS_WITH(ml::Trainer(options).fit(detection, cache, labeled),
                      Catch::Contains("cannot learn from unlabeled images"));
    fs::remove_all(folder);
}
