#include "ml/engine/cache_reader.h"
#include "ml/engine/errors.h"
#include "tests/ml/training_cache_file.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

using namespace pixmark;
using test::scratchFolder;
namespace fs = std::filesystem;

namespace {

/// Three 4x4 gray images whose pixels are their record number, item ids 10, 20, 30.
fs::path writeSmallCache(const fs::path& folder)
{
    const auto images = folder / "images-4x4x1.bin";
    test::TrainingCacheWriter writer(images, 4, 1);
    for (int i = 0; i < 3; ++i) {
        std::vector<std::uint8_t> pixels(16, static_cast<std::uint8_t>(i));
        writer.append(10 * (i + 1), pixels.data(), 40, 20, 0.1f, 0, 1);
    }
    writer.finish();
    return images;
}

void expectRefused(const fs::path& images, const std::string& fault)
{
    try {
        ml::TrainingCacheReader reader(images);
        FAIL("the damaged cache was accepted");
    } catch (const ml::CacheFileError& e) {
        const std::string message = e.what();
        CHECK_THAT(message, Catch::Contains(fault));
        CHECK_THAT(message, Catch::Contains("Rebuild the training cache"));
    }
}

} // namespace

TEST_CASE("The cache reader maps records and their index as core writes them", "[ml][cache]")
{
    const auto folder = scratchFolder("cache-ok");
    const ml::TrainingCacheReader reader(writeSmallCache(folder));
    REQUIRE(reader.size() == 3);
    CHECK(reader.side() == 4);
    CHECK(reader.channels() == 1);
    CHECK(reader.pixels(2)[15] == 2);
    const auto r = reader.record(1);
    CHECK(r.itemId == 20);
    CHECK(r.originalWidth == 40);
    CHECK(r.originalHeight == 20);
    CHECK(r.scale == Approx(0.1f));
    CHECK(r.padY == 1);
    CHECK(reader.find(30) == std::optional<std::size_t>(2));
    CHECK_FALSE(reader.find(31).has_value());
    fs::remove_all(folder);
}

TEST_CASE("The cache reader ignores the leftovers of an interrupted append", "[ml][cache]")
{
    const auto folder = scratchFolder("cache-leftover");
    const auto images = folder / "images-4x4x1.bin";
    test::TrainingCacheWriter writer(images, 4, 1);
    std::vector<std::uint8_t> pixels(16, 7);
    for (int i = 0; i < 3; ++i)
        writer.append(i, pixels.data());
    writer.finish(/*images=*/3, /*index=*/2); // the third index entry was not counted yet
    CHECK(ml::TrainingCacheReader(images).size() == 2);
    fs::remove_all(folder);
}

TEST_CASE("The cache reader refuses truncated and damaged files with a clear error", "[ml][cache]")
{
    const auto folder = scratchFolder("cache-bad");
    const auto images = writeSmallCache(folder);
    const auto index = fs::path(images).replace_extension(".idx");

    SECTION("images cut short of the counted records")
    {
        fs::resize_file(images, 64 + 2 * 16 + 5);
        expectRefused(images, "truncated");
    }
    SECTION("index cut short")
    {
        fs::resize_file(index, 64 + 32 + 3);
        expectRefused(images, "truncated");
    }
    SECTION("shorter than the header")
    {
        fs::resize_file(images, 20);
        expectRefused(images, "truncated");
    }
    SECTION("not a cache at all")
    {
        std::ofstream(images, std::ios::binary) << std::string(200, 'x');
        expectRefused(images, "is not a Pixmark training cache");
    }
    SECTION("a newer version")
    {
        std::fstream f(images, std::ios::binary | std::ios::in | std::ios::out);
        f.seekp(8);
        const std::uint32_t version = 2;
        f.write(reinterpret_cast<const char*>(&version), 4);
        f.close();
        expectRefused(images, "version 2");
    }
    SECTION("a record size that does not match the side")
    {
        std::fstream f(images, std::ios::binary | std::ios::in | std::ios::out);
        f.seekp(20);
        const std::uint32_t bytes = 17;
        f.write(reinterpret_cast<const char*>(&bytes), 4);
        f.close();
        expectRefused(images, "damaged");
    }
    SECTION("an index of another size")
    {
        test::TrainingCacheWriter other(folder / "other-8x8x1.bin", 8, 1);
        other.finish();
        fs::copy_file(folder / "other-8x8x1.idx", index, fs::copy_options::overwrite_existing);
        expectRefused(images, "does not belong");
    }
    SECTION("a missing index")
    {
        fs::remove(index);
        expectRefused(images, "Cannot open");
    }
    fs::remove_all(folder);
}
