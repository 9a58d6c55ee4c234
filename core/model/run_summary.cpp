#include "core/model/run_summary.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace pixmark {

namespace {

using Json = nlohmann::json;

std::string fixed(double value, int decimals)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string integer(const Json& metrics, const char* key)
{
    return std::to_string(metrics.value(key, std::int64_t{0}));
}

} // namespace

std::string runSummary(const Run& run)
{
    if (run.status != RunStatus::Succeeded)
        return run.message;
    const Json metrics = Json::parse(run.metricsJson, nullptr, false);
    if (!metrics.is_object())
        return {};
    switch (run.kind) {
    case RunKind::Cache:
        return integer(metrics, "appended") + " images added to the training cache, " +
               integer(metrics, "already_cached") + " already there" +
               (metrics.value("failed", 0) > 0 ? ", " + integer(metrics, "failed") + " unreadable" : "");
    case RunKind::Training:
        return "held-out " + metrics.value("metric", std::string("accuracy")) + " " +
               fixed(metrics.value("held_out_metric", metrics.value("held_out_accuracy", 0.0)), 3) + " (trained on " +
               integer(metrics, "trained_on") + ", " + integer(metrics, "held_out") + " held out, best epoch " +
               integer(metrics, "best_epoch") + " of " + integer(metrics, "epochs") + ")";
    case RunKind::Validation:
        return "precision " + fixed(metrics.value("precision", 0.0), 3) + " at coverage " +
               fixed(metrics.value("coverage", 0.0), 3) + " (target " + fixed(metrics.value("target_precision", 0.0), 2) +
               ")";
    case RunKind::Inference:
        return integer(metrics, "prelabeled") + " of " + integer(metrics, "predicted") + " unlabeled items prelabeled";
    case RunKind::Featurization:
        if (metrics.contains("page_size"))
            return integer(metrics, "clusters") + " pages of similar images (" + integer(metrics, "items") +
                   " unlabeled items)";
        return integer(metrics, "clusters") + " clusters";
    }
    return {};
}

} // namespace pixmark
