#include "core/formats/voc/voc_format.h"

namespace pixmark::formats {

std::string_view VocFormat::description() const
{
    return "Pascal VOC: one XML file of boxes per image, with split lists";
}

const Format& vocFormat()
{
    static const VocFormat format;
    return format;
}

} // namespace pixmark::formats
