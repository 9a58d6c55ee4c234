#pragma once
// The backbone of the Fashion-MNIST benches' students: the compact network of the first model
// unless STUDENT_WIDTHS ("48,96,192") or STUDENT_BLOCKS ("2,2,2") ask for a larger one. The
// quality bench trains the student with it and the calibration bench loads its checkpoint, so
// both must read the same variables.

#include "ml/engine/resnet_options.h"
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace pixmark::bench {

/// "48,96,192" from the variable `name`; anything but positive whole numbers is refused by name.
inline std::vector<int> positiveCounts(const char* name, const std::string& text)
{
    std::vector<int> values;
    std::istringstream in(text);
    for (std::string part; std::getline(in, part, ',');) {
        std::size_t used = 0;
        int value = 0;
        try {
            value = std::stoi(part, &used);
        } catch (const std::logic_error&) {
            used = 0;
        }
        if (used == 0 || used != part.size() || value < 1)
            throw std::invalid_argument(std::string(name) + "=\"" + text +
                                        "\": give positive whole numbers separated by commas, e.g. 48,96,192");
        values.push_back(value);
    }
    if (values.empty())
        throw std::invalid_argument(std::string(name) + " is empty: give e.g. 48,96,192, or leave it unset");
    return values;
}

inline ml::ResNetOptions studentBackbone()
{
    ml::ResNetOptions options = ml::ResNetOptions::compact(1);
    if (const char* widths = std::getenv("STUDENT_WIDTHS"))
        options.widths = positiveCounts("STUDENT_WIDTHS", widths);
    options.blocks.assign(options.widths.size(), 1);
    if (const char* blocks = std::getenv("STUDENT_BLOCKS"))
        options.blocks = positiveCounts("STUDENT_BLOCKS", blocks);
    if (options.blocks.size() != options.widths.size())
        throw std::invalid_argument("STUDENT_BLOCKS needs one count per width in STUDENT_WIDTHS");
    return options;
}

} // namespace pixmark::bench
