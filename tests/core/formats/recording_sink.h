#pragma once
// Test helpers for the format readers: a sink that records what it is given, and a
// seeded mutation loop that checks a reader only ever throws pixmark errors.

#include "core/errors.h"
#include "core/formats/format.h"
#include "core/formats/format_error.h"
#include "core/geometry/polygon.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace pixmark::test {

/// Everything an importer handed over, in order.
class RecordingSink : public formats::ImportSink {
public:
    struct Image {
        std::int64_t key = 0;
        std::string reference;
        int width = 0;
        int height = 0;
    };
    struct Shape {
        std::int64_t imageKey = 0;
        std::string category;
        AnnotationKind kind = AnnotationKind::Tag;
        std::string geometry;
        std::optional<double> score;
    };

    void image(std::int64_t key, const std::string& reference, int width, int height) override
    {
        images.push_back({key, reference, width, height});
    }
    void shape(std::int64_t imageKey, const std::string& category, AnnotationKind kind, std::string geometry,
               std::optional<double> score) override
    {
        shapes.push_back({imageKey, category, kind, std::move(geometry), score});
    }

    /// The references of the images, in the order they came.
    std::vector<std::string> references() const
    {
        std::vector<std::string> result;
        for (const Image& image : images)
            result.push_back(image.reference);
        return result;
    }

    /// The shapes of the image with this reference.
    std::vector<Shape> shapesOf(const std::string& reference) const
    {
        std::vector<Shape> result;
        for (const Image& image : images)
            if (image.reference == reference)
                for (const Shape& shape : shapes)
                    if (shape.imageKey == image.key)
                        result.push_back(shape);
        return result;
    }

    std::vector<Image> images;
    std::vector<Shape> shapes;
};

/// Applies rounds of random byte edits (flip, insert, delete, truncate) to valid and hands
/// each result to read; anything thrown that is not a pixmark::Error fails the test.
inline void fuzzReader(const std::string& valid, const std::function<void(const std::string&)>& read,
                       unsigned seed = 20261125, int rounds = 300)
{
    std::mt19937 random(seed);
    static const std::string interesting = "{}[]\",:.-+0123456789eE \n\r\\ntfu";
    int refused = 0;
    for (int round = 0; round < rounds; ++round) {
        std::string bytes = valid;
        const int edits = 1 + static_cast<int>(random() % 4);
        for (int e = 0; e < edits && !bytes.empty(); ++e) {
            const std::size_t at = random() % bytes.size();
            switch (random() % 5) {
            case 0:
                bytes[at] = static_cast<char>(bytes[at] ^ (1 << (random() % 8)));
                break;
            case 1:
                bytes.insert(bytes.begin() + static_cast<std::ptrdiff_t>(at),
                             interesting[random() % interesting.size()]);
                break;
            case 2:
                bytes.erase(at, 1 + random() % 8);
                break;
            case 3:
                bytes.resize(at);
                break;
            default:
                bytes[at] = interesting[random() % interesting.size()];
                break;
            }
        }
        try {
            read(bytes);
        } catch (const Error&) {
            ++refused;
        } catch (const std::exception& error) {
            FAIL("round " << round << " threw a non-pixmark exception: " << error.what() << "\ninput:\n" << bytes);
        } catch (...) {
            FAIL("round " << round << " threw something that is not an exception\ninput:\n" << bytes);
        }
    }
    CHECK(refused > 0); // the mutations did reach the checks
}

} // namespace pixmark::test
