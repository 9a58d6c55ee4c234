#include "core/formats/jsonl/datastore_url.h"
#include "core/formats/jsonl/input_files.h"
#include "core/formats/jsonl/json_node.h"
#include "core/formats/jsonl/line_reader.h"
#include "core/formats/sagemaker/sagemaker_format.h"
#include "core/geometry/box.h"

#include <algorithm>

namespace pixmark::formats {

namespace {

constexpr double kBoxBorderTolerance = 1.0;
constexpr std::int64_t kMaxClassId = 1'000'000;
const std::string kMetadata = "-metadata";

struct Pending {
    std::string category;
    AnnotationKind kind = AnnotationKind::Tag;
    std::string geometry;
    std::optional<double> score;
};

/// The job attribute of the line (see the header), or nullopt when no job labeled it.
std::optional<std::string> jobOf(const JsonNode& root)
{
    std::optional<std::string> job;
    std::string newest;
    for (const auto& [key, value] : root.value().items()) {
        if (key.size() <= kMetadata.size() || key.compare(key.size() - kMetadata.size(), kMetadata.size(), kMetadata))
            continue;
        const std::string name = key.substr(0, key.size() - kMetadata.size());
        if (!root.value().contains(name))
            continue;
        std::string date;
        if (value.is_object())
            if (const auto it = value.find("creation-date"); it != value.end() && it->is_string())
                date = it->get<std::string>();
        if (!job || date >= newest) {
            job = name;
            newest = date;
        }
    }
    return job;
}

/// The class name of id in metadata's class-map.
std::string classFromMap(const JsonNode& metadata, std::int64_t id, const JsonNode& at)
{
    const std::optional<JsonNode> map = metadata.find("class-map");
    if (!map)
        at.fail("class " + std::to_string(id) + " has no name: the metadata has no class-map");
    const std::optional<JsonNode> name = map->find(std::to_string(id));
    if (!name)
        at.fail("class " + std::to_string(id) + " is not in the metadata's class-map");
    return name->nonEmptyString();
}

class ManifestLine {
public:
    explicit ManifestLine(const JsonNode& root) : mRoot(root) {}

    void parse()
    {
        mReference = referenceFromUrl(mRoot["source-ref"].nonEmptyString());
        const std::optional<std::string> job = jobOf(mRoot);
        if (!job)
            return;
        const JsonNode label = mRoot[*job];
        const JsonNode metadata = mRoot[*job + kMetadata];
        if (!metadata.isObject())
            metadata.fail("expected the job's metadata object");
        bool machine = false;
        if (const auto human = metadata.find("human-annotated"))
            machine = human->string() == "no";
        if (job->size() > 4 && job->compare(job->size() - 4, 4, "-ref") == 0)
            label.fail("semantic segmentation label maps are not read");
        if (label.isNumber())
            classification(label, metadata, machine);
        else if (label.isArray())
            multiLabel(label, metadata, machine);
        else if (label.isObject())
            boxes(label, metadata, machine);
        else
            label.fail("expected a class id, a list of class ids or a bounding-box label");
    }

    const std::string& reference() const { return mReference; }
    int width() const { return mWidth; }
    int height() const { return mHeight; }
    const std::vector<Pending>& shapes() const { return mShapes; }

private:
    void classification(const JsonNode& label, const JsonNode& metadata, bool machine)
    {
        const std::int64_t id = label.integer(0, kMaxClassId);
        std::string name;
        if (const auto className = metadata.find("class-name"))
            name = className->nonEmptyString();
        else
            name = classFromMap(metadata, id, label);
        std::optional<double> score;
        if (const auto confidence = metadata.find("confidence"); confidence && machine)
            score = confidence->fraction();
        mShapes.push_back({name, AnnotationKind::Tag, {}, score});
    }

    void multiLabel(const JsonNode& label, const JsonNode& metadata, bool machine)
    {
        const std::optional<JsonNode> confidences = metadata.find("confidence-map");
        for (std::size_t i = 0, n = label.arraySize(); i < n; ++i) {
            const JsonNode entry = label.at(i);
            const std::int64_t id = entry.integer(0, kMaxClassId);
            std::optional<double> score;
            if (confidences && machine)
                if (const auto confidence = confidences->find(std::to_string(id)))
                    score = confidence->fraction();
            mShapes.push_back({classFromMap(metadata, id, entry), AnnotationKind::Tag, {}, score});
        }
    }

    void boxes(const JsonNode& label, const JsonNode& metadata, bool machine)
    {
        const JsonNode sizes = label["image_size"];
        if (sizes.arraySize() == 0)
            sizes.fail("has no image size");
        const JsonNode size = sizes.at(0);
        mWidth = static_cast<int>(size["width"].integer(1, kMaxImageSide));
        mHeight = static_cast<int>(size["height"].integer(1, kMaxImageSide));
        const JsonNode annotations = label["annotations"];
        const std::size_t count = annotations.arraySize();
        const std::optional<JsonNode> objects = metadata.find("objects");
        if (objects && objects->arraySize() != count)
            objects->fail("expected " + std::to_string(count) + " entries, one per annotation, found " +
                          std::to_string(objects->arraySize()));
        for (std::size_t i = 0; i < count; ++i) {
            const JsonNode box = annotations.at(i);
            const std::int64_t id = box["class_id"].integer(0, kMaxClassId);
            const double left = box["left"].number();
            const double top = box["top"].number();
            const double w = box["width"].number();
            const double h = box["height"].number();
            if (w <= 0 || h <= 0)
                box.fail("the box has no area (width " + formatJsonNumber(w) + ", height " + formatJsonNumber(h) + ")");
            if (left < -kBoxBorderTolerance || top < -kBoxBorderTolerance || left + w > mWidth + kBoxBorderTolerance ||
                top + h > mHeight + kBoxBorderTolerance)
                box.fail("the box is outside the " + std::to_string(mWidth) + "x" + std::to_string(mHeight) + " image");
            const double x0 = std::clamp(left, 0.0, double(mWidth));
            const double y0 = std::clamp(top, 0.0, double(mHeight));
            const double x1 = std::clamp(left + w, 0.0, double(mWidth));
            const double y1 = std::clamp(top + h, 0.0, double(mHeight));
            std::optional<double> score;
            if (objects && machine)
                if (const auto confidence = objects->at(i).find("confidence"))
                    score = confidence->fraction();
            mShapes.push_back({classFromMap(metadata, id, box["class_id"]), AnnotationKind::Box,
                               toJson(Box{x0, y0, x1 - x0, y1 - y0}), score});
        }
    }

    const JsonNode& mRoot;
    std::string mReference;
    int mWidth = 0;
    int mHeight = 0;
    std::vector<Pending> mShapes;
};

} // namespace

void readSagemakerManifest(const std::filesystem::path& input, ImportSink& sink)
{
    std::int64_t key = 0;
    for (const std::filesystem::path& file : inputFiles(input, {".manifest", ".jsonl"})) {
        LineReader lines(file, displayName(file, input));
        std::string text;
        while (lines.next(text)) {
            if (text.find_first_not_of(" \t") == std::string::npos)
                continue;
            const nlohmann::json doc = parseJsonText(text, lines.position());
            const JsonNode root(doc, lines.position());
            if (!root.isObject())
                root.fail("expected an object with source-ref");
            ManifestLine line(root);
            line.parse();
            ++key;
            sink.image(key, line.reference(), line.width(), line.height());
            for (const Pending& shape : line.shapes())
                sink.shape(key, shape.category, shape.kind, shape.geometry, shape.score);
        }
    }
}

} // namespace pixmark::formats
