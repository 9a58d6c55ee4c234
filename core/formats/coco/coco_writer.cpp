#include "core/formats/coco/coco_writer.h"

#include "core/errors.h"
#include "core/formats/json_text.h"
#include "core/geometry/box.h"
#include "core/geometry/coco_rle.h"
#include "core/geometry/mask_rle.h"
#include "core/geometry/polygon.h"

#include <fstream>
#include <map>
#include <memory>

namespace pixmark::formats::coco {

namespace {

constexpr std::size_t kFlushBytes = 1 << 20;

// One output file: images are written as they come, annotations go to a side file that is
// appended at the end, so the dataset is walked once whatever its size.
class SplitWriter {
public:
    SplitWriter(std::filesystem::path file, const ExportDataset& dataset)
        : mFile(std::move(file)), mSideFile(mFile.string() + ".part")
    {
        mOut.open(mFile, std::ios::binary | std::ios::trunc);
        mSide.open(mSideFile, std::ios::binary | std::ios::trunc);
        if (!mOut || !mSide)
            throw ProjectFileError("Cannot write " + mFile.string() + ".");
        mHead += "{\"info\":{\"description\":";
        appendJsonString(mHead, dataset.name);
        mHead += ",\"version\":\"1.0\",\"contributor\":\"Pixmark\"},\"licenses\":[],\"categories\":[";
        for (std::size_t k = 0; k < dataset.categories.size(); ++k) {
            mHead += k ? ",{\"id\":" : "{\"id\":";
            mHead += std::to_string(dataset.categories[k].id);
            mHead += ",\"name\":";
            appendJsonString(mHead, dataset.categories[k].name);
            mHead += ",\"supercategory\":\"\"}";
        }
        mHead += "],\"images\":[";
        flush(mOut, mHead, true);
    }

    void add(const ExportImage& image, std::int64_t& nextAnnotationId)
    {
        mHead += mImages++ ? ",{\"id\":" : "{\"id\":";
        mHead += std::to_string(image.id);
        mHead += ",\"file_name\":";
        appendJsonString(mHead, image.fileName);
        mHead += ",\"width\":" + std::to_string(image.width) + ",\"height\":" + std::to_string(image.height) + "}";
        for (const Annotation& annotation : image.annotations)
            addAnnotation(image, annotation, nextAnnotationId++);
        flush(mOut, mHead, false);
        flush(mSide, mTail, false);
    }

    void finish()
    {
        mHead += "],\"annotations\":[";
        flush(mOut, mHead, true);
        flush(mSide, mTail, true);
        mSide.close();
        {
            // Streaming an empty buffer sets failbit: an export without annotations is valid.
            std::ifstream side(mSideFile, std::ios::binary);
            if (side.peek() != std::ifstream::traits_type::eof())
                mOut << side.rdbuf();
        }
        mOut << "]}\n";
        mOut.flush();
        const bool ok = static_cast<bool>(mOut);
        mOut.close();
        std::error_code ignored;
        std::filesystem::remove(mSideFile, ignored);
        if (!ok)
            throw ProjectFileError("Cannot write " + mFile.string() + " (is the disk full?).");
    }

private:
    void addAnnotation(const ExportImage& image, const Annotation& annotation, std::int64_t id)
    {
        std::string& out = mTail;
        out += mAnnotations++ ? ",{\"id\":" : "{\"id\":";
        out += std::to_string(id);
        out += ",\"image_id\":" + std::to_string(image.id) + ",\"category_id\":" + std::to_string(annotation.classId);
        const auto boxFields = [&](const Box& box, double area) {
            out += ",\"bbox\":[";
            appendJsonNumber(out, box.x);
            out += ',';
            appendJsonNumber(out, box.y);
            out += ',';
            appendJsonNumber(out, box.w);
            out += ',';
            appendJsonNumber(out, box.h);
            out += "],\"area\":";
            appendJsonNumber(out, area);
        };
        switch (annotation.kind) {
        case AnnotationKind::Tag:
            // Image-level label: no geometry (docs/formats.md).
            out += ",\"iscrowd\":0";
            break;
        case AnnotationKind::Box: {
            const Box box = parseBox(annotation.geometry);
            boxFields(box, area(box));
            out += ",\"iscrowd\":0";
            break;
        }
        case AnnotationKind::Polygon: {
            const Polygon polygon = parsePolygon(annotation.geometry);
            boxFields(boundingBox(polygon), area(polygon));
            out += ",\"segmentation\":[[";
            for (std::size_t k = 0; k < polygon.points.size(); ++k) {
                if (k)
                    out += ',';
                appendJsonNumber(out, polygon.points[k].x);
                out += ',';
                appendJsonNumber(out, polygon.points[k].y);
            }
            out += "]],\"iscrowd\":0";
            break;
        }
        case AnnotationKind::Mask: {
            const MaskRle mask = parseMask(annotation.geometry);
            boxFields(boundingBox(mask), static_cast<double>(area(mask)));
            out += ",\"segmentation\":{\"size\":[" + std::to_string(mask.height) + "," + std::to_string(mask.width) +
                   "],\"counts\":";
            appendJsonString(out, compressRleCounts(mask.counts));
            out += "},\"iscrowd\":0";
            break;
        }
        }
        if (annotation.score) {
            out += ",\"score\":";
            appendJsonNumber(out, *annotation.score);
        }
        out += '}';
    }

    static void flush(std::ofstream& stream, std::string& buffer, bool always)
    {
        if (!always && buffer.size() < kFlushBytes)
            return;
        stream.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        buffer.clear();
    }

    std::filesystem::path mFile;
    std::filesystem::path mSideFile;
    std::ofstream mOut;
    std::ofstream mSide;
    std::string mHead;
    std::string mTail;
    std::int64_t mImages = 0;
    std::int64_t mAnnotations = 0;
};

} // namespace

std::filesystem::path annotationFile(const std::filesystem::path& folder, const std::string& split)
{
    return folder / "annotations" / (split.empty() ? std::string("instances.json") : "instances_" + split + ".json");
}

void write(const ExportDataset& dataset, const std::filesystem::path& folder)
{
    std::filesystem::create_directories(folder / "annotations");
    std::map<std::string, std::unique_ptr<SplitWriter>> writers;
    std::int64_t nextAnnotationId = 1;
    dataset.forEachImage([&](const ExportImage& image) {
        auto& writer = writers[image.split];
        if (!writer)
            writer = std::make_unique<SplitWriter>(annotationFile(folder, image.split), dataset);
        writer->add(image, nextAnnotationId);
    });
    if (writers.empty())
        writers[""] = std::make_unique<SplitWriter>(annotationFile(folder, ""), dataset);
    for (auto& [split, writer] : writers)
        writer->finish();
}

} // namespace pixmark::formats::coco
