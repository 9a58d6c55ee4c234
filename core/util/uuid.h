#pragma once
// Random (version 4) UUIDs for project identity and work packages.

#include <string>

namespace pixmark {

/// A new random UUID in canonical lowercase form.
std::string makeUuid();

} // namespace pixmark
