#include "core/formats/coco/coco_format.h"

#include "core/formats/coco/coco_reader.h"
#include "core/formats/coco/coco_writer.h"
#include "core/formats/format_error.h"
#include "core/geometry/box.h"
#include "core/geometry/mask_rle.h"
#include "core/geometry/polygon.h"

#include <unordered_map>

namespace pixmark::formats {

namespace {

// Reads an export back and checks what a training library would trip over.
class VerifyingSink : public ImportSink {
public:
    VerifyingSink(VerifyReport& report, std::string file) : mReport(report), mFile(std::move(file)) {}

    void image(std::int64_t key, const std::string& reference, int width, int height) override
    {
        ++mReport.images;
        if (width <= 0 || height <= 0)
            problem("image " + std::to_string(key) + " (" + reference + ") has no size");
        mSizes[key] = {width, height};
    }

    void shape(std::int64_t imageKey, const std::string&, AnnotationKind kind, std::string geometry,
               std::optional<double>) override
    {
        ++mReport.annotations;
        const auto size = mSizes.find(imageKey);
        if (size == mSizes.end()) {
            problem("an annotation refers to image " + std::to_string(imageKey) + ", which is not listed");
            return;
        }
        const auto [width, height] = size->second;
        const auto inside = [&](const Box& box) {
            return box.x >= -0.5 && box.y >= -0.5 && box.x + box.w <= width + 0.5 && box.y + box.h <= height + 0.5;
        };
        switch (kind) {
        case AnnotationKind::Tag:
            break;
        case AnnotationKind::Box:
            if (!inside(parseBox(geometry)))
                problem("a box on image " + std::to_string(imageKey) + " reaches outside it");
            break;
        case AnnotationKind::Polygon: {
            const Polygon polygon = parsePolygon(geometry);
            if (!isSimple(polygon))
                problem("a polygon on image " + std::to_string(imageKey) + " crosses itself");
            if (!inside(boundingBox(polygon)))
                problem("a polygon on image " + std::to_string(imageKey) + " reaches outside it");
            break;
        }
        case AnnotationKind::Mask: {
            const MaskRle mask = parseMask(geometry);
            if (mask.width != width || mask.height != height)
                problem("a mask on image " + std::to_string(imageKey) + " is " + std::to_string(mask.width) + " x " +
                        std::to_string(mask.height) + ", the image " + std::to_string(width) + " x " +
                        std::to_string(height));
            break;
        }
        }
    }

private:
    void problem(const std::string& what)
    {
        if (mReport.problems.size() < 100)
            mReport.problems.push_back(mFile + ": " + what);
    }

    VerifyReport& mReport;
    std::string mFile;
    std::unordered_map<std::int64_t, std::pair<int, int>> mSizes;
};

class CocoFormat : public Format {
public:
    std::string_view id() const override { return "coco"; }
    std::string_view description() const override
    {
        return "COCO JSON: boxes, polygons, run-length masks, image-level classes";
    }
    bool canExport(TaskType) const override { return true; }
    bool canImport() const override { return true; }

    void write(const ExportDataset& dataset, const std::filesystem::path& folder) const override
    {
        coco::write(dataset, folder);
    }

    VerifyReport verify(const std::filesystem::path& folder) const override
    {
        VerifyReport report;
        int files = 0;
        std::error_code error;
        const auto annotations = std::filesystem::is_directory(folder / "annotations") ? folder / "annotations" : folder;
        for (const auto& entry : std::filesystem::directory_iterator(annotations, error)) {
            if (entry.path().extension() != ".json")
                continue;
            ++files;
            VerifyingSink sink(report, entry.path().filename().string());
            try {
                coco::read(entry.path(), sink);
            } catch (const Error& failure) {
                report.problems.push_back(failure.what());
            }
        }
        if (error)
            report.problems.push_back(annotations.string() + ": " + error.message());
        if (files == 0 && report.problems.empty())
            report.problems.push_back(annotations.string() + ": no COCO file was found");
        return report;
    }

    void read(const std::filesystem::path& input, ImportSink& sink) const override { coco::read(input, sink); }
};

} // namespace

const Format& cocoFormat()
{
    static const CocoFormat format;
    return format;
}

} // namespace pixmark::formats
