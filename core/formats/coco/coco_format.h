#pragma once
// COCO: images, categories and annotations in one JSON file per split
// (annotations/instances.json, or instances_train.json, ... with a split). Layout and
// the classification convention: docs/formats.md.

#include "core/formats/format.h"

namespace pixmark::formats {

const Format& cocoFormat();

} // namespace pixmark::formats
