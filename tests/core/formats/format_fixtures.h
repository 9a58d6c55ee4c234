#pragma once
// Small helpers shared by the format tests: read back a written file, describe the images
// and dataset an export is asked to write, and check how a refusal is reported.

#include "core/errors.h"
#include "core/formats/dataset.h"
#include "core/formats/format_error.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace pixmark::test {

/// The whole file as bytes (binary, so PNGs compare byte for byte); empty if unreadable.
inline std::string readText(const std::filesystem::path& file)
{
    std::ifstream stream(file, std::ios::binary);
    std::ostringstream text;
    text << stream.rdbuf();
    return text.str();
}

/// A tag of class `id`, with the model's score where it is a prelabel.
inline Annotation scoredTag(ClassId id, std::optional<double> score = std::nullopt)
{
    return Annotation{id, AnnotationKind::Tag, {}, score};
}

inline formats::ExportImage makeImage(std::string fileName, int width, int height, std::string split,
                                      std::vector<Annotation> annotations)
{
    formats::ExportImage image;
    image.fileName = std::move(fileName);
    image.width = width;
    image.height = height;
    image.split = std::move(split);
    image.annotations = std::move(annotations);
    return image;
}

/// A dataset that hands out images, in order, every time it is walked.
inline formats::ExportDataset makeDataset(TaskType type, std::string name, std::vector<formats::Category> categories,
                                          std::vector<formats::ExportImage> images)
{
    formats::ExportDataset dataset;
    dataset.taskType = type;
    dataset.name = std::move(name);
    dataset.categories = std::move(categories);
    dataset.forEachImage = [images = std::move(images)](
                               const std::function<void(const formats::ExportImage&)>& visit) {
        for (const formats::ExportImage& image : images)
            visit(image);
    };
    return dataset;
}

/// action must throw a FormatError whose message names file and place (a line, a JSON path),
/// so a user can find what was refused.
inline void requireErrorNames(const std::function<void()>& action, const std::string& file, const std::string& place)
{
    try {
        action();
        FAIL("no FormatError for " << file);
    } catch (const formats::FormatError& error) {
        INFO(error.what());
        CHECK(std::string(error.what()).find(file) != std::string::npos);
        CHECK(std::string(error.what()).find(place) != std::string::npos);
    }
}

/// One round of a fuzz loop: true when action refused its input with a pixmark::Error,
/// false when it accepted it. Any other exception fails the test, since a damaged file must
/// never surface as anything but a pixmark error.
inline bool refusedWithPixmarkError(int round, const std::function<void()>& action)
{
    try {
        action();
    } catch (const Error&) {
        return true;
    } catch (const std::exception& other) {
        FAIL("round " << round << " threw a non-pixmark exception: " << other.what());
    }
    return false;
}

} // namespace pixmark::test
