#pragma once
// The bundled demo's Fashion-MNIST images (resources/demo) as a multi-class project, part
// labeled with their true classes: what ML assist's end-to-end tests train on.

#include "core/cache/training_cache.h"
#include "core/ingest/registrar.h"
#include "core/project/project.h"
#include "tests/support/label_items.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace pixmark::test {

inline const std::filesystem::path kDemoFolder = std::filesystem::path(PIXMARK_SOURCE_DIR) / "resources/demo";
inline constexpr int kDemoImages = 120;

/// The demo's true class of each image file name.
inline std::map<std::string, std::string> demoTruth()
{
    std::map<std::string, std::string> truth;
    std::ifstream in(kDemoFolder / "manifest.csv");
    std::string line;
    std::getline(in, line); // header
    while (std::getline(in, line)) {
        const auto comma = line.find(',');
        std::string label = line.substr(comma + 1);
        if (label.size() >= 2 && label.front() == '"')
            label = label.substr(1, label.size() - 2);
        truth[std::filesystem::path(line.substr(0, comma)).filename().string()] = label;
    }
    return truth;
}

/// Submits the true class of the item as the current labeler.
inline void labelTruly(Project& project, const Item& item, const std::map<std::string, ClassId>& classes,
                       const std::map<std::string, std::string>& truth)
{
    submitAsLabeler(project, item.id,
                    {Annotation{classes.at(truth.at(std::filesystem::path(item.relativePath).filename().string())),
                                AnnotationKind::Tag, "", std::nullopt}});
}

/// Adds the demo's classes and images to a multi-class project and labels the first
/// `labeled` unlabeled items with their true class. Returns the class ids by name.
inline std::map<std::string, ClassId> makeDemoFashionProject(Project& project, int labeled)
{
    std::map<std::string, ClassId> classes;
    std::ifstream names(kDemoFolder / "classes.txt");
    for (std::string name; std::getline(names, name);)
        if (!name.empty())
            classes[name] = project.addClass({name});
    ingest::SourceRequest request;
    request.kind = SourceKind::Folder;
    request.root = kDemoFolder / "images";
    ingest::Registrar(project).addSource(request);
    // Small gray cached images: the compact network, trained in seconds.
    cache::setTrainingCacheSpec(project, {32, 1});
    const auto truth = demoTruth();
    for (const Item& item : project.items(ItemStatus::Unlabeled, labeled))
        labelTruly(project, item, classes, truth);
    return classes;
}

} // namespace pixmark::test
