// The on-device augmentations on fixed batches: what changes, and what must not.
#include "ml/engine/augment.h"

#include <catch2/catch.hpp>
#include <torch/torch.h>

using namespace pixmark;

namespace {

/// Every augmentation off: the images come back as they went in.
ml::AugmentOptions nothing()
{
    ml::AugmentOptions options;
    options.horizontalFlip = false;
    options.minCropArea = 1.0;
    options.maxAspectChange = 1.0;
    options.brightness = 0;
    options.contrast = 0;
    options.saturation = 0;
    return options;
}

/// Only random erasing, so that any change to an image is the erased rectangle.
ml::AugmentOptions erasingOnly(double share)
{
    ml::AugmentOptions options = nothing();
    options.erasing = share;
    return options;
}

} // namespace

TEST_CASE("Random erasing replaces one rectangle in the chosen share of the images", "[ml][augment]")
{
    torch::manual_seed(7);
    constexpr int kImages = 400;
    constexpr int kSide = 32;
    // A constant gray that noise almost never reproduces exactly.
    const auto images = torch::full({kImages, 3, kSide, kSide}, 0.5);

    const auto erased = ml::Augmenter(erasingOnly(0.5)).apply(images).images;
    REQUIRE(erased.sizes() == images.sizes());
    CHECK(erased.min().item<float>() >= 0.0f);
    CHECK(erased.max().item<float>() <= 1.0f);

    // Changed pixels, per image, as one mask over all channels.
    const auto changed = (erased - images).abs().gt(1e-4).any(1);
    const auto changedPerImage = changed.flatten(1).sum(1);
    const auto touched = changedPerImage.gt(0).sum().item<std::int64_t>();
    CHECK(touched > kImages * 0.4);
    CHECK(touched < kImages * 0.6);

    for (int i = 0; i < kImages; ++i) {
        const auto count = changedPerImage[i].item<std::int64_t>();
        if (count == 0)
            continue;
        // The changed pixels fill their bounding rectangle: one rectangle, not scattered noise.
        const auto where = torch::nonzero(changed[i]);
        const auto rows = where.select(1, 0);
        const auto cols = where.select(1, 1);
        const auto height = rows.max().item<std::int64_t>() - rows.min().item<std::int64_t>() + 1;
        const auto width = cols.max().item<std::int64_t>() - cols.min().item<std::int64_t>() + 1;
        INFO("image " << i);
        CHECK(count == height * width);
        // 2-25 % of the area, allowing for whole pixels at the edges.
        CHECK(count <= kSide * kSide * 0.25 + 2 * kSide + 1);
    }
}

TEST_CASE("Random erasing is off by default and leaves the images alone", "[ml][augment]")
{
    CHECK(ml::AugmentOptions{}.erasing == 0);
    const auto images = torch::rand({16, 1, 20, 20});
    const auto same = ml::Augmenter(erasingOnly(0)).apply(images).images;
    // The identity resample is exact to rounding only.
    CHECK(torch::allclose(same, images, /*rtol=*/0, /*atol=*/1e-5));
    const auto all = ml::Augmenter(erasingOnly(1.0)).apply(images).images;
    CHECK((all - images).abs().gt(1e-3).flatten(1).any(1).all().item<bool>());
}

TEST_CASE("Rotation and shear move the pixels; the strong view switches them on", "[ml][augment][consistency]")
{
    const ml::AugmentOptions still = nothing();
    const auto images = torch::rand({8, 1, 16, 16});
    torch::manual_seed(5);
    CHECK(torch::allclose(ml::Augmenter(still).apply(images).images, images, 1e-5, 1e-5));

    ml::AugmentOptions rotated = still;
    rotated.maxRotationDegrees = 30;
    torch::manual_seed(5);
    const auto batch = ml::Augmenter(rotated).apply(images);
    CHECK(batch.images.sizes() == images.sizes());
    CHECK(!torch::allclose(batch.images, images, 1e-3, 1e-3));
    // A rotation keeps the map's determinant at one (no scale).
    const auto linear = batch.theta.narrow(2, 0, 2);
    CHECK(torch::allclose(torch::linalg_det(linear), torch::ones({8}), 1e-4, 1e-4));

    const auto strong = still.strong();
    CHECK(strong.maxRotationDegrees > 0);
    CHECK(strong.maxShear > 0);
    CHECK(strong.erasing == 1);
    CHECK(strong.minCropArea < still.minCropArea);
    CHECK(strong.saturation == 0); // gray stays gray
}
