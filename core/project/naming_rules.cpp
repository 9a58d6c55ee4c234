#include "core/project/naming_rules.h"

#include "core/errors.h"
#include "core/util/text.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace pixmark {

namespace {

bool hasControlCharacter(std::string_view text)
{
    return std::any_of(text.begin(), text.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

std::string validateName(std::string_view input, std::string_view what, std::size_t maxLength)
{
    std::string name = trimmed(input);
    if (name.empty())
        throw ValidationError("The " + std::string(what) + " name cannot be empty.");
    if (name.size() > maxLength)
        throw ValidationError("The " + std::string(what) + " name is " + std::to_string(name.size()) +
                              " characters long; use at most " + std::to_string(maxLength) + ".");
    if (hasControlCharacter(name))
        throw ValidationError("The " + std::string(what) + " name cannot contain control characters (tabs, line "
                              "breaks).");
    return name;
}

} // namespace

std::string validateProjectName(std::string_view input)
{
    std::string name = validateName(input, "project", kMaxProjectNameLength);
    if (name.find_first_of("/\\") != std::string::npos)
        throw ValidationError("The project name \"" + name + "\" cannot contain / or \\ (it becomes a file name).");
    if (name == "." || name == "..")
        throw ValidationError("The project name cannot be \".\" or \"..\".");
    return name;
}

std::string validateClassName(std::string_view input)
{
    return validateName(input, "class", kMaxClassNameLength);
}

std::string normalizeColor(std::string_view input)
{
    std::string hex = trimmed(input);
    if (!hex.empty() && hex.front() == '#')
        hex.erase(0, 1);
    const bool allHex =
        !hex.empty() && std::all_of(hex.begin(), hex.end(), [](unsigned char c) { return std::isxdigit(c); });
    if (!allHex || (hex.size() != 3 && hex.size() != 6))
        throw ValidationError("\"" + std::string(input) + "\" is not a color; write it as #rrggbb, e.g. #1f77b4.");
    if (hex.size() == 3)
        hex = {hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]};
    std::transform(hex.begin(), hex.end(), hex.begin(), [](unsigned char c) { return std::tolower(c); });
    return "#" + hex;
}

std::string paletteColor(std::size_t index)
{
    // Okabe-Ito first (distinguishable with color blindness), then Tableau's extras.
    static constexpr std::array<const char*, 16> kPalette{
        "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#999999",
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    };
    return kPalette[index % kPalette.size()];
}

} // namespace pixmark
