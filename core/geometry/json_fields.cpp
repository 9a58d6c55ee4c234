#include "core/errors.h"
#include "core/geometry/json_fields_p.h"

#include <cmath>
#include <sstream>

namespace pixmark {

nlohmann::json parseGeometryObject(std::string_view json, const char* what)
{
    nlohmann::json doc = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
    if (doc.is_discarded())
        throw ValidationError(std::string("The ") + what + "'s geometry is not valid JSON.");
    if (!doc.is_object())
        throw ValidationError(std::string("The ") + what + "'s geometry is not a JSON object.");
    return doc;
}

double finiteNumber(const nlohmann::json& doc, const char* name, const char* what)
{
    const auto it = doc.find(name);
    if (it == doc.end())
        throw ValidationError(std::string("The ") + what + "'s geometry has no \"" + name + "\".");
    if (!it->is_number())
        throw ValidationError(std::string("The ") + what + "'s \"" + name + "\" is not a number.");
    const double value = it->get<double>();
    if (!std::isfinite(value))
        throw ValidationError(std::string("The ") + what + "'s \"" + name + "\" is not a finite number.");
    return value;
}

std::string formatNumber(double value)
{
    std::ostringstream out;
    out << value;
    return out.str();
}

} // namespace pixmark
