#include "core/formats/jsonl/datastore_url.h"
#include "core/formats/jsonl/input_files.h"
#include "core/formats/jsonl/json_node.h"
#include "core/formats/jsonl/jsonl_format.h"
#include "core/formats/jsonl/line_reader.h"
#include "core/geometry/polygon.h"
#include "core/ingest/image_readers.h"

#include <charconv>
#include <cmath>

namespace pixmark::formats {

namespace {

struct PendingShape {
    std::string category;
    AnnotationKind kind = AnnotationKind::Tag;
    std::string geometry;
    std::optional<double> score;
};

/// "640px", "640" or 640.
int sideOf(const JsonNode& node)
{
    if (node.isNumber())
        return static_cast<int>(node.integer(1, kMaxImageSide));
    std::string text = node.string();
    if (text.size() > 2 && text.compare(text.size() - 2, 2, "px") == 0)
        text.resize(text.size() - 2);
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 1 || value > kMaxImageSide)
        node.fail("expected a size in pixels such as \"640px\" or 640");
    return value;
}

/// Reads one line; the image's size is learned only when a shape needs it.
class LineParser {
public:
    LineParser(const JsonNode& root, const std::filesystem::path& folder) : mRoot(root), mFolder(folder) {}

    void parse()
    {
        const JsonNode url = mRoot["image_url"];
        mReference = referenceFromUrl(url.nonEmptyString());
        if (const auto details = mRoot.find("image_details")) {
            const auto w = details->find("width");
            const auto h = details->find("height");
            if (w && h) {
                mWidth = sideOf(*w);
                mHeight = sideOf(*h);
            }
        }
        const JsonNode label = mRoot["label"];
        const std::optional<JsonNode> confidence = mRoot.find("label_confidence");
        if (label.isString()) {
            std::optional<double> score;
            if (confidence)
                score = confidence->fraction();
            mShapes.push_back({label.nonEmptyString(), AnnotationKind::Tag, {}, score});
            return;
        }
        if (!label.isArray())
            label.fail("expected a class name, a list of class names or a list of objects");
        const std::size_t count = label.arraySize();
        if (confidence && confidence->arraySize() != count)
            confidence->fail("expected " + std::to_string(count) + " confidences, one per label, found " +
                             std::to_string(confidence->arraySize()));
        for (std::size_t i = 0; i < count; ++i) {
            const JsonNode entry = label.at(i);
            std::optional<double> score;
            if (confidence)
                score = confidence->at(i).fraction();
            if (entry.isString())
                mShapes.push_back({entry.nonEmptyString(), AnnotationKind::Tag, {}, score});
            else if (entry.isObject())
                object(entry, score);
            else
                entry.fail("expected a class name or an object");
        }
    }

    const std::string& reference() const { return mReference; }
    int width() const { return mWidth; }
    int height() const { return mHeight; }
    const std::vector<PendingShape>& shapes() const { return mShapes; }

private:
    void object(const JsonNode& entry, std::optional<double> score)
    {
        const std::string& name = entry["label"].nonEmptyString();
        if (const auto own = entry.find("label_confidence"))
            score = own->fraction();
        if (const auto crowd = entry.find("isCrowd")) {
            if (!crowd->value().is_boolean())
                crowd->integer(0, 1);
        }
        if (const auto polygon = entry.find("polygon")) {
            const std::size_t rings = polygon->arraySize();
            if (rings == 0)
                polygon->fail("has no outline");
            for (std::size_t r = 0; r < rings; ++r) {
                const JsonNode ring = polygon->at(r);
                const std::size_t values = ring.arraySize();
                if (values < 6 || values % 2 != 0)
                    ring.fail("expected x, y pairs of at least three points, found " + std::to_string(values) +
                              " numbers");
                Polygon outline;
                for (std::size_t v = 0; v < values; v += 2) {
                    const double x = ring.at(v).fraction();
                    const double y = ring.at(v + 1).fraction();
                    requireSize(entry);
                    outline.points.push_back({x * mWidth, y * mHeight});
                }
                mShapes.push_back({name, AnnotationKind::Polygon, toJson(outline), score});
            }
            return;
        }
        const double left = entry["topX"].fraction();
        const double top = entry["topY"].fraction();
        const JsonNode right = entry["bottomX"];
        const JsonNode bottom = entry["bottomY"];
        const double r = right.fraction();
        const double b = bottom.fraction();
        if (r <= left)
            right.fail("bottomX " + formatJsonNumber(r) + " is not right of topX " + formatJsonNumber(left));
        if (b <= top)
            bottom.fail("bottomY " + formatJsonNumber(b) + " is not below topY " + formatJsonNumber(top));
        requireSize(entry);
        const Box box{left * mWidth, top * mHeight, (r - left) * mWidth, (b - top) * mHeight};
        mShapes.push_back({name, AnnotationKind::Box, toJson(box), score});
    }

    /// Learns the image's size from its header when image_details did not give it.
    void requireSize(const JsonNode& at)
    {
        if (mWidth > 0)
            return;
        SourcePosition where = at.position();
        where.jsonPath = "$.image_url";
        if (mReference.find("://") != std::string::npos)
            throw FormatError(where, "the image size is needed for normalized coordinates, but image_details has "
                                     "no width and height and \"" +
                                         mReference + "\" is not a local path");
        try {
            // An absolute reference replaces the folder.
            const ingest::ImageHeader header = ingest::probeImage(mFolder / std::filesystem::path(mReference));
            mWidth = header.width;
            mHeight = header.height;
        } catch (const std::exception& error) {
            throw FormatError(where, "the image size is needed for normalized coordinates, but image_details has no "
                                     "width and height and the image cannot be read (" +
                                         std::string(error.what()) + ")");
        }
        if (mWidth <= 0 || mHeight <= 0 || mWidth > kMaxImageSide || mHeight > kMaxImageSide)
            throw FormatError(where, "the image \"" + mReference + "\" has no usable size");
    }

    const JsonNode& mRoot;
    const std::filesystem::path& mFolder;
    std::string mReference;
    int mWidth = 0;
    int mHeight = 0;
    std::vector<PendingShape> mShapes;
};

} // namespace

void readJsonl(const std::filesystem::path& input, ImportSink& sink)
{
    std::int64_t key = 0;
    for (const std::filesystem::path& file : inputFiles(input, {".jsonl"})) {
        LineReader lines(file, displayName(file, input));
        const std::filesystem::path folder = file.parent_path();
        std::string text;
        while (lines.next(text)) {
            if (text.find_first_not_of(" \t") == std::string::npos)
                continue;
            const nlohmann::json doc = parseJsonText(text, lines.position());
            const JsonNode root(doc, lines.position());
            if (!root.isObject())
                root.fail("expected an object with image_url and label");
            LineParser line(root, folder);
            line.parse();
            ++key;
            sink.image(key, line.reference(), line.width(), line.height());
            for (const PendingShape& shape : line.shapes())
                sink.shape(key, shape.category, shape.kind, shape.geometry, shape.score);
        }
    }
}

} // namespace pixmark::formats
