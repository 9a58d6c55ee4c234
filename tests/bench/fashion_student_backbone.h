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

inline std::vector<int> commaSeparatedInts(const std::string& text)
{
    std::vector<int> values;
    std::istringstream in(text);
    for (std::string part; std::getline(in, part, ',');)
        values.push_back(std::stoi(part));
    return values;
}

inline ml::ResNetOptions studentBackbone()
{
    ml::ResNetOptions options = ml::ResNetOptions::compact(1);
    if (const char* widths = std::getenv("STUDENT_WIDTHS"))
        options.widths = commaSeparatedInts(widths);
    options.blocks.assign(options.widths.size(), 1);
    if (const char* blocks = std::getenv("STUDENT_BLOCKS"))
        options.blocks = commaSeparatedInts(blocks);
    if (options.blocks.size() != options.widths.size())
        throw std::invalid_argument("STUDENT_BLOCKS needs one count per width in STUDENT_WIDTHS");
    return options;
}

} // namespace pixmark::bench
