// Ingest benchmarks.
//   pixmark_ingest_bench generate DIR SMALL LARGE   SMALL files (half JPEG, half PNG, 64x48), LARGE 12 MP JPEGs,
//                                                   one 1024x768 BMP and one 16-bit TIFF
//   pixmark_ingest_bench register DIR PROJECT       register DIR (warm page cache) and print files/s
//   pixmark_ingest_bench thumbnails PROJECT         make every thumbnail, print images/s
//   pixmark_ingest_bench decode REPS FILE...        probe vs full decode vs thumbnail-size decode, ms per call

#include "core/cache/jpeg_writer.h"
#include "core/cache/thumbnail_cache.h"
#include "core/ingest/image_readers.h"
#include "core/ingest/registrar.h"
#include "core/project/project.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <string>

using namespace pixmark;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

ingest::DecodedImage noise(int width, int height, int channels, std::mt19937& random)
{
    ingest::DecodedImage image;
    image.width = width;
    image.height = height;
    image.channels = channels;
    image.samples8.resize(static_cast<std::size_t>(width) * height * channels);
    // Smooth gradients plus noise compress like photographs, not like static.
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            for (int c = 0; c < channels; ++c)
                image.samples8[(static_cast<std::size_t>(y) * width + x) * channels + c] =
                    static_cast<std::uint8_t>((x + y * 2 + c * 40) / 4 + (random() & 15));
    return image;
}

int generate(const std::filesystem::path& dir, int small, int large)
{
    std::mt19937 random(1);
    for (int i = 0; i < small; ++i) {
        const auto folder = dir / ("batch-" + std::to_string(i / 1000));
        std::filesystem::create_directories(folder);
        const auto image = noise(64, 48, 3, random);
        if (i % 2 == 0) {
            cache::writeFileAtomically(folder / ("img-" + std::to_string(i) + ".jpg"), cache::encodeJpeg(image, 85));
        } else {
            const cv::Mat mat(48, 64, CV_8UC3, const_cast<std::uint8_t*>(image.samples8.data()));
            cv::imwrite((folder / ("img-" + std::to_string(i) + ".png")).string(), mat);
        }
    }
    std::filesystem::create_directories(dir / "large");
    // One of each other raster format, for the probe-versus-decode table.
    const auto photo = noise(1024, 768, 3, random);
    const cv::Mat rgb(768, 1024, CV_8UC3, const_cast<std::uint8_t*>(photo.samples8.data()));
    cv::imwrite((dir / "large" / "sample.bmp").string(), rgb);
    cv::Mat gray16;
    cv::cvtColor(rgb, gray16, cv::COLOR_RGB2GRAY);
    gray16.convertTo(gray16, CV_16U, 256.0);
    cv::imwrite((dir / "large" / "sample-16bit.tif").string(), gray16);
    for (int i = 0; i < large; ++i)
        cache::writeFileAtomically(dir / "large" / ("photo-" + std::to_string(i) + ".jpg"),
                                   cache::encodeJpeg(noise(4000, 3000, 3, random), 90));
    std::printf("generated small=%d large=%d in %s\n", small, large, dir.c_str());
    return 0;
}

int registerFolder(const std::filesystem::path& dir, const std::filesystem::path& file)
{
    auto project = Project::create(file, "Bench", TaskType::ObjectDetection);
    ingest::SourceRequest request;
    request.kind = SourceKind::Folder;
    request.root = dir;
    request.duplicates = ingest::DuplicatePolicy::Keep;
    const auto start = Clock::now();
    const auto report = ingest::Registrar(*project).addSource(request);
    const double seconds = secondsSince(start);
    std::printf("register files=%lld added=%lld unreadable=%zu seconds=%.2f files_per_s=%.0f\n",
                static_cast<long long>(report.listed), static_cast<long long>(report.added), report.unreadable.size(),
                seconds, static_cast<double>(report.listed) / seconds);
    return 0;
}

int thumbnails(const std::filesystem::path& file)
{
    auto project = Project::open(file);
    const auto jobs = cache::readableImages(*project);
    const cache::ThumbnailCache cache(project->cacheFolder());
    const auto start = Clock::now();
    const auto report = cache.build(jobs, {}, 0);
    const double seconds = secondsSince(start);
    std::printf("thumbnails made=%lld failed=%zu seconds=%.2f images_per_s=%.0f\n",
                static_cast<long long>(report.made), report.failed.size(), seconds,
                static_cast<double>(report.made) / seconds);
    return 0;
}

template <class Fn>
double msPerCall(int reps, Fn fn)
{
    fn(); // warm up
    const auto start = Clock::now();
    for (int i = 0; i < reps; ++i)
        fn();
    return secondsSince(start) * 1000.0 / reps;
}

int decode(int reps, int argc, char** argv)
{
    for (int i = 0; i < argc; ++i) {
        const std::filesystem::path file = argv[i];
        try {
            const auto header = ingest::probeImage(file);
            const double probe = msPerCall(reps, [&] { ingest::probeImage(file); });
            const double full = msPerCall(reps, [&] { ingest::decodeImage(file); });
            ingest::DecodeOptions thumb;
            thumb.maxSide = 256;
            const double small = msPerCall(reps, [&] { ingest::decodeImage(file, thumb); });
            std::printf("decode file=%s format=%s size=%dx%d frames=%d probe_ms=%.3f decode_ms=%.3f "
                        "decode_256_ms=%.3f decode_over_probe=%.0f\n",
                        file.filename().c_str(), std::string(ingest::toId(header.format)).c_str(), header.width,
                        header.height, header.frames, probe, full, small, full / probe);
        } catch (const std::exception& error) {
            std::printf("decode file=%s error=\"%s\"\n", file.filename().c_str(), error.what());
        }
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    const std::string command = argc > 1 ? argv[1] : "";
    try {
        if (command == "generate" && argc == 5)
            return generate(argv[2], std::stoi(argv[3]), std::stoi(argv[4]));
        if (command == "register" && argc == 4)
            return registerFolder(argv[2], argv[3]);
        if (command == "thumbnails" && argc == 3)
            return thumbnails(argv[2]);
        if (command == "decode" && argc >= 4)
            return decode(std::stoi(argv[2]), argc - 3, argv + 3);
    } catch (const std::exception& error) {
        std::cerr << "pixmark_ingest_bench: " << error.what() << '\n';
        return 1;
    }
    std::cerr << "usage: pixmark_ingest_bench generate DIR SMALL LARGE | register DIR PROJECT | thumbnails PROJECT | "
                 "decode REPS FILE...\n";
    return 2;
}
