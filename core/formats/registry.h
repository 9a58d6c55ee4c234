#pragma once
// Every exchange format Pixmark knows, in one list (core/formats/registry.cpp).

#include "core/formats/format.h"

#include <string_view>
#include <vector>

namespace pixmark::formats {

const std::vector<const Format*>& allFormats();
/// The format with this id; ValidationError listing the known ids otherwise.
const Format& formatById(std::string_view id);

} // namespace pixmark::formats
