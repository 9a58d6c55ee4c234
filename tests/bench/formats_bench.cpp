// COCO at scale: export and import of a project with N images and 10 boxes each
// (default 500,000 images, 5,000,000 annotations). Prints one line per measurement.
//   pixmark_formats_bench FOLDER [IMAGES] [BOXES_PER_IMAGE]
#include "core/formats/coco/coco_format.h"
#include "core/formats/export_job.h"
#include "core/geometry/box.h"
#include "core/project/project.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

using namespace pixmark;

namespace {
double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// CPU seconds of this process (user + system): steadier than wall time when the machine is shared.
double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

std::unique_ptr<Project> makeProject(const std::filesystem::path& file, std::int64_t images)
{
    auto project = Project::create(file, "Bench", TaskType::ObjectDetection);
    for (const char* name : {"car", "person", "bicycle", "dog", "cat"})
        project->addClass({name});
    std::vector<Item> batch;
    for (std::int64_t k = 0; k < images; ++k) {
        batch.push_back(Item{0, "images/" + std::to_string(k) + ".jpg", "jpeg", 0, 0, 1280, 720});
        if (batch.size() == 50'000 || k + 1 == images) {
            project->addItems(batch);
            batch.clear();
        }
    }
    return project;
}

// Streams a generated COCO dataset straight into the project's import (no file).
struct GeneratedCoco {
    std::int64_t images;
    int boxes;
    void operator()(formats::ImportSink& sink) const
    {
        static const char* names[] = {"car", "person", "bicycle", "dog", "cat"};
        for (std::int64_t k = 0; k < images; ++k) {
            sink.image(k + 1, "images/" + std::to_string(k) + ".jpg", 1280, 720);
            for (int b = 0; b < boxes; ++b)
                sink.shape(k + 1, names[(k + b) % 5], AnnotationKind::Box,
                           toJson(Box{double(b * 100 % 1200), double(b * 37 % 640), 64.5, 48.25}), std::nullopt);
        }
    }
};
} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: pixmark_formats_bench FOLDER [IMAGES] [BOXES_PER_IMAGE]\n");
        return 2;
    }
    const std::filesystem::path folder = argv[1];
    const std::int64_t images = argc > 2 ? std::stoll(argv[2]) : 500'000;
    const int boxes = argc > 3 ? std::stoi(argv[3]) : 10;
    std::filesystem::create_directories(folder);
    const auto source = folder / "source.pixmark";
    const auto target = folder / "target.pixmark";

    auto start = std::chrono::steady_clock::now();
    {
        auto project = makeProject(source, images);
        project->importLabels(GeneratedCoco{images, boxes}, LabelImportOptions{});
    }
    std::printf("setup images=%lld annotations=%lld seconds=%.1f\n", static_cast<long long>(images),
                static_cast<long long>(images * boxes), secondsSince(start));

    formats::ExportOptions options;
    options.parentFolder = folder / "exports";
    start = std::chrono::steady_clock::now();
    double cpuStart = cpuSeconds();
    const auto exported = formats::exportProject(source, options);
    const double exportSeconds = secondsSince(start);
    const double exportCpu = cpuSeconds() - cpuStart;
    const auto file = exported.folder / "annotations" / "instances.json";
    std::printf("coco_export images=%lld annotations=%lld seconds=%.2f cpu_seconds=%.2f bytes=%lld verified=%d "
                "peak_rss_mib=%ld (verification included: it reads the file back)\n",
                static_cast<long long>(exported.images), static_cast<long long>(exported.annotations), exportSeconds,
                exportCpu,
                static_cast<long long>(std::filesystem::file_size(file)), exported.verification.ok() ? 1 : 0,
                peakRssMiB());

    // The parser alone, into a sink that only counts: how much of the import is reading.
    struct CountingSink : formats::ImportSink {
        std::int64_t shapes = 0;
        void image(std::int64_t, const std::string&, int, int) override {}
        void shape(std::int64_t, const std::string&, AnnotationKind, std::string, std::optional<double>) override
        {
            ++shapes;
        }
    } counting;
    start = std::chrono::steady_clock::now();
    formats::cocoFormat().read(file, counting);
    std::printf("coco_parse_only annotations=%lld seconds=%.2f\n", static_cast<long long>(counting.shapes),
                secondsSince(start));

    auto project = makeProject(target, images);
    start = std::chrono::steady_clock::now();
    cpuStart = cpuSeconds();
    double readSeconds = 0;
    const auto report = project->importLabels(
        [&](formats::ImportSink& sink) {
            formats::cocoFormat().read(file, sink);
            readSeconds = secondsSince(start);
        },
        LabelImportOptions{});
    std::printf("coco_import images=%lld matched=%lld annotations=%lld seconds=%.2f cpu_seconds=%.2f (reading and "
                "writing %.2f, then the last rows, the indexes and the commit) peak_rss_mib=%ld\n",
                static_cast<long long>(report.imagesInFile), static_cast<long long>(report.imagesMatched),
                static_cast<long long>(report.annotations), secondsSince(start), cpuSeconds() - cpuStart, readSeconds,
                peakRssMiB());
    // The import's WAL pages are copied into the project file on another thread; closing
    // waits for that copy.
    start = std::chrono::steady_clock::now();
    project.reset();
    std::printf("import_checkpoint_and_close seconds=%.2f (after the import returned)\n", secondsSince(start));
    return 0;
}
