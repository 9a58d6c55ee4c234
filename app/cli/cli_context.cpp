#include "app/cli/cli_context.h"

#include <ostream>

namespace pixmark::cli {

void CliContext::emit(const nlohmann::json& result, const std::function<void(std::ostream&)>& text) const
{
    if (json)
        *out << result.dump(2) << '\n';
    else
        text(*out);
}

} // namespace pixmark::cli
