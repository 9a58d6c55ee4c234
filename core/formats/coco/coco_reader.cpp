#include "core/formats/coco/coco_reader.h"

#include "core/formats/format_error.h"
#include "core/formats/json_outline.h"
#include "core/formats/json_text.h"
#include "core/geometry/box.h"
#include "core/geometry/coco_rle.h"
#include "core/geometry/mask_rle.h"
#include "core/geometry/polygon.h"

#include <simdjson.h>

#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace pixmark::formats::coco {

namespace {

using simdjson::ondemand::array;
using simdjson::ondemand::object;
using simdjson::ondemand::value;

// The largest coordinate or size accepted: far beyond any image, far below overflow.
constexpr double kMaxCoordinate = 1e7;
// The file is parsed a few megabytes of array elements at a time (core/formats/json_outline),
// so memory stays bounded whatever the file's size.
constexpr std::size_t kRunBytes = 4 << 20;

class CocoReader {
public:
    CocoReader(const std::filesystem::path& file, ImportSink& sink) : mFile(file), mSink(sink)
    {
        mPosition.file = file.filename().string();
    }

    void run()
    {
        const std::vector<JsonMember> members = outlineJsonObject(mFile, kRunBytes);
        // Categories first (annotations name them by id, wherever they stand in the file),
        // then images and annotations in the file's order.
        for (const JsonMember& member : members)
            if (member.key == "categories")
                readArray(member, [&](value element) { readCategory(element); });
        for (const JsonMember& member : members) {
            if (member.key == "images")
                readArray(member, [&](value element) { readImage(element); });
            else if (member.key == "annotations")
                readArray(member, [&](value element) { readAnnotation(element); });
        }
    }

private:
    template <class ReadElement>
    void readArray(const JsonMember& member, ReadElement readElement)
    {
        mArrayPath = "$." + member.key;
        if (member.opening != '[') {
            SourcePosition where = mPosition;
            where.jsonPath = mArrayPath;
            where.byteOffset = static_cast<std::int64_t>(member.begin);
            throw FormatError(where, "must be an array");
        }
        for (const ElementRun& run : member.runs) {
            const std::size_t length = readElementRun(mFile, run, mBuffer, simdjson::SIMDJSON_PADDING);
            mBufferOffset = static_cast<std::int64_t>(run.begin) - 1;
            mIndex = run.firstIndex;
            mPath = mArrayPath;
            auto iterated = mParser.iterate(mBuffer.data(), length, mBuffer.size());
            if (iterated.error())
                fail(mArrayPath, std::string("is not valid JSON (") + simdjson::error_message(iterated.error()) + ")");
            simdjson::ondemand::document document = std::move(iterated).value_unsafe();
            // The document outlives every use of the pointer: failHere reads the parse position.
            mDocument = &document;
            struct Forget {
                simdjson::ondemand::document*& pointer;
                ~Forget() { pointer = nullptr; }
            } forget{mDocument};
            try {
                for (auto element : document.get_array()) {
                    // Paths are kept for error messages; the buffer is reused, not reallocated.
                    mElementPath.assign(mArrayPath);
                    mElementPath += '[';
                    mElementPath += std::to_string(mIndex++);
                    mElementPath += ']';
                    mPath.assign(mElementPath);
                    readElement(element.value());
                }
            } catch (const simdjson::simdjson_error& error) {
                failHere(std::string("is not valid COCO JSON (") + error.what() + ")");
            }
        }
    }

    void readCategory(value element)
    {
        object category = element.get_object();
        std::int64_t id = 0;
        std::string name;
        bool hasId = false;
        for (auto member : category) {
            const std::string_view key = member.unescaped_key();
            if (key == "id") {
                id = integer(member.value(), "id");
                hasId = true;
            } else if (key == "name") {
                name = std::string(text(member.value(), "name"));
            }
        }
        if (!hasId || name.empty())
            fail(mPath, "a category needs an \"id\" and a non-empty \"name\"");
        if (!mCategories.emplace(id, name).second)
            fail(mPath, "the category id " + std::to_string(id) + " is used twice");
    }

    void readImage(value element)
    {
        std::int64_t id = 0;
        bool hasId = false;
        std::string fileName;
        std::int64_t width = 0, height = 0;
        for (auto member : element.get_object()) {
            const std::string_view key = member.unescaped_key();
            if (key == "id") {
                id = integer(member.value(), "id");
                hasId = true;
            } else if (key == "file_name") {
                fileName = std::string(text(member.value(), "file_name"));
            } else if (key == "width") {
                width = integer(member.value(), "width");
            } else if (key == "height") {
                height = integer(member.value(), "height");
            }
        }
        if (!hasId || fileName.empty())
            fail(mPath, "an image needs an \"id\" and a \"file_name\"");
        if (width < 0 || height < 0 || width > kMaxCoordinate || height > kMaxCoordinate)
            fail(mPath, "the image size " + std::to_string(width) + " x " + std::to_string(height) +
                            " is not a size an image can have");
        if (!mImageIds.emplace(id, std::make_pair(static_cast<int>(width), static_cast<int>(height))).second)
            fail(mPath, "the image id " + std::to_string(id) + " is used twice");
        mSink.image(id, fileName, static_cast<int>(width), static_cast<int>(height));
    }

    void readAnnotation(value element)
    {
        const std::string& base = mElementPath;
        std::int64_t imageId = 0, categoryId = 0, annotationId = 0;
        bool hasImage = false, hasCategory = false, hasId = false;
        std::optional<Box> box;
        std::vector<Polygon> polygons;
        std::optional<MaskRle> mask;
        std::optional<double> score;
        for (auto member : element.get_object()) {
            const std::string_view key = member.unescaped_key();
            mPath.assign(base);
            mPath += '.';
            mPath += key;
            if (key == "image_id") {
                imageId = integer(member.value(), "image_id");
                hasImage = true;
            } else if (key == "id") {
                annotationId = integer(member.value(), "id");
                hasId = true;
            } else if (key == "category_id") {
                categoryId = integer(member.value(), "category_id");
                hasCategory = true;
            } else if (key == "bbox") {
                box = readBox(member.value());
            } else if (key == "segmentation") {
                readSegmentation(member.value(), polygons, mask);
            } else if (key == "score") {
                score = number(member.value(), "score");
            }
        }
        mPath.assign(base);
        if (!hasImage || !hasCategory)
            fail(mPath, "an annotation needs an \"image_id\" and a \"category_id\"");
        if (hasId && !mAnnotationIds.insert(annotationId).second)
            fail(mPath + ".id", "the annotation id " + std::to_string(annotationId) + " is used twice");
        const auto category = mCategories.find(categoryId);
        if (category == mCategories.end())
            fail(mPath + ".category_id", "the category " + std::to_string(categoryId) + " is not in \"categories\"");
        const auto image = mImageIds.find(imageId);
        if (image != mImageIds.end() && box && image->second.first > 0 &&
            (box->x + box->w > image->second.first + 0.5 || box->y + box->h > image->second.second + 0.5))
            fail(mPath + ".bbox", "the box reaches outside its image (" + std::to_string(image->second.first) +
                                      " x " + std::to_string(image->second.second) + ")");
        if (mask) {
            mSink.shape(imageId, category->second, AnnotationKind::Mask, toJson(*mask), score);
        } else if (!polygons.empty()) {
            for (const Polygon& polygon : polygons)
                mSink.shape(imageId, category->second, AnnotationKind::Polygon, toJson(polygon), score);
        } else if (box) {
            mSink.shape(imageId, category->second, AnnotationKind::Box, toJson(*box), score);
        } else {
            mSink.shape(imageId, category->second, AnnotationKind::Tag, {}, score);
        }
    }

    Box readBox(value field)
    {
        if (field.type() != simdjson::ondemand::json_type::array)
            fail(mPath, "a bbox is an array of four numbers [x, y, width, height]");
        double values[4] = {0, 0, 0, 0};
        std::size_t count = 0;
        for (auto element : field.get_array()) {
            if (count == 4)
                fail(mPath, "a bbox has four numbers [x, y, width, height]");
            values[count] = number(element.value(), "bbox");
            ++count;
        }
        if (count != 4)
            fail(mPath, "a bbox has four numbers [x, y, width, height]");
        if (values[0] < 0 || values[1] < 0 || values[2] < 0 || values[3] < 0)
            fail(mPath, "a bbox cannot have negative coordinates or size");
        return Box{values[0], values[1], values[2], values[3]};
    }

    void readSegmentation(value field, std::vector<Polygon>& polygons, std::optional<MaskRle>& mask)
    {
        const simdjson::ondemand::json_type type = field.type();
        if (type != simdjson::ondemand::json_type::array && type != simdjson::ondemand::json_type::object)
            fail(mPath, "a segmentation is a list of polygons or a run-length mask object");
        if (type == simdjson::ondemand::json_type::array) {
            for (auto part : field.get_array()) {
                Polygon polygon;
                std::vector<double> numbers;
                for (auto coordinate : part.get_array())
                    numbers.push_back(number(coordinate.value(), "segmentation"));
                if (numbers.size() < 6 || numbers.size() % 2 != 0)
                    fail(mPath, "a polygon has an even number of coordinates, at least three points");
                for (std::size_t k = 0; k < numbers.size(); k += 2)
                    polygon.points.push_back(Point{numbers[k], numbers[k + 1]});
                polygons.push_back(std::move(polygon));
            }
            return;
        }
        MaskRle rle;
        bool hasSize = false, hasCounts = false;
        for (auto member : field.get_object()) {
            const std::string_view key = member.unescaped_key();
            if (key == "size") {
                std::vector<std::int64_t> size;
                for (auto element : member.value().get_array())
                    size.push_back(integer(element.value(), "size"));
                if (size.size() != 2 || size[0] <= 0 || size[1] <= 0 || size[0] > kMaxMaskSide || size[1] > kMaxMaskSide)
                    fail(mPath, "a mask's size is [height, width], each 1 to " + std::to_string(kMaxMaskSide));
                rle.height = static_cast<int>(size[0]);
                rle.width = static_cast<int>(size[1]);
                hasSize = true;
            } else if (key == "counts") {
                value counts = member.value();
                if (counts.type() == simdjson::ondemand::json_type::string) {
                    try {
                        rle.counts = decompressRleCounts(text(counts, "counts"));
                    } catch (const ValidationError& error) {
                        fail(mPath + ".counts", error.what());
                    }
                } else {
                    for (auto element : counts.get_array()) {
                        const std::int64_t run = integer(element.value(), "counts");
                        if (run < 0 || run > 0xffffffffLL)
                            fail(mPath + ".counts", "a run length is a non-negative integer");
                        rle.counts.push_back(static_cast<std::uint32_t>(run));
                    }
                }
                hasCounts = true;
            }
        }
        if (!hasSize || !hasCounts)
            fail(mPath, "a run-length mask needs \"size\" and \"counts\"");
        std::int64_t total = 0;
        for (std::uint32_t run : rle.counts)
            total += run;
        if (total != static_cast<std::int64_t>(rle.height) * rle.width)
            fail(mPath, "the mask's runs cover " + std::to_string(total) + " pixels, its size " +
                            std::to_string(static_cast<std::int64_t>(rle.height) * rle.width));
        mask = std::move(rle);
    }

    std::int64_t integer(value field, const char* what)
    {
        const double n = number(field, what);
        if (n != std::floor(n))
            fail(mPath, std::string("\"") + what + "\" must be a whole number");
        return static_cast<std::int64_t>(n);
    }

    double number(value field, const char* what)
    {
        double n = 0;
        if (field.get_double().get(n))
            fail(mPath, std::string("\"") + what + "\" must be a number");
        if (!std::isfinite(n) || std::fabs(n) > kMaxCoordinate)
            fail(mPath, std::string("\"") + what + "\" is out of range");
        return n;
    }

    std::string_view text(value field, const char* what)
    {
        std::string_view s;
        if (field.get_string().get(s))
            fail(mPath, std::string("\"") + what + "\" must be a string");
        return s;
    }

    [[noreturn]] void failHere(const std::string& why)
    {
        SourcePosition where = mPosition;
        where.jsonPath = mPath;
        if (mDocument) {
            auto location = mDocument->current_location();
            if (!location.error())
                where.byteOffset = mBufferOffset + (location.value_unsafe() - mBuffer.data());
        }
        throw FormatError(where, why);
    }

    [[noreturn]] void fail(const std::string& path, const std::string& why)
    {
        mPath = path;
        failHere(why);
    }

    std::filesystem::path mFile;
    ImportSink& mSink;
    SourcePosition mPosition;
    std::vector<char> mBuffer;         ///< the run of elements being read
    std::int64_t mBufferOffset = 0;    ///< the file offset of mBuffer[0]
    simdjson::ondemand::parser mParser;
    simdjson::ondemand::document* mDocument = nullptr;
    std::string mArrayPath;
    std::string mElementPath;
    std::size_t mIndex = 0;
    std::string mPath;
    std::unordered_map<std::int64_t, std::string> mCategories;
    std::unordered_map<std::int64_t, std::pair<int, int>> mImageIds;
    std::unordered_set<std::int64_t> mAnnotationIds;
};

} // namespace

void read(const std::filesystem::path& file, ImportSink& sink)
{
    CocoReader(file, sink).run();
}

} // namespace pixmark::formats::coco
