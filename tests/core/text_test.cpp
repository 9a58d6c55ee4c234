#include "core/util/text.h"

#include <catch2/catch.hpp>

using namespace pixmark;

TEST_CASE("trimmed drops ASCII whitespace at both ends, lowercase lowers A-Z only", "[util]")
{
    CHECK(trimmed("  Shift + K\t") == "Shift + K");
    CHECK(trimmed("crow\r\n") == "crow"); // a CSV field or key name from a CRLF file
    CHECK(trimmed(" \t\r\n\v\f").empty());
    CHECK(trimmed("").empty());
    CHECK(trimmed("a b") == "a b");
    CHECK(lowercase("Ctrl+A .PIXMARK") == "ctrl+a .pixmark");
    CHECK(lowercase("Ébène") == "Ébène"); // UTF-8 bytes pass unchanged
}
