#include "core/formats/registry.h"

#include "core/errors.h"
#include "core/formats/coco/coco_format.h"
#include "core/formats/csv/csv_format.h"
#include "core/formats/jsonl/jsonl_format.h"
#include "core/formats/labelme/labelme_format.h"
#include "core/formats/masks/masks_format.h"
#include "core/formats/sagemaker/sagemaker_format.h"
#include "core/formats/voc/voc_format.h"
#include "core/formats/yolo/yolo_format.h"

#include <string>

namespace pixmark::formats {

// Each format's file defines its instance; adding a format is one line here.
const std::vector<const Format*>& allFormats()
{
    static const std::vector<const Format*> formats{
        &cocoFormat(),
        &yoloFormat(),
        &vocFormat(),
        &masksFormat(),
        &jsonlFormat(),
        &csvFormat(),
        &labelmeFormat(),
        &sagemakerFormat(),
    };
    return formats;
}

const Format& formatById(std::string_view id)
{
    std::string known;
    for (const Format* format : allFormats()) {
        if (format->id() == id)
            return *format;
        known += (known.empty() ? "" : ", ") + std::string(format->id());
    }
    throw ValidationError("Unknown format \"" + std::string(id) + "\"; the formats are: " + known + ".");
}

} // namespace pixmark::formats
