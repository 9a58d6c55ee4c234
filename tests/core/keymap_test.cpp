#include "core/errors.h"
#include "core/model/keymap.h"
#include "core/project/naming_rules.h"

#include <catch2/catch.hpp>

using namespace pixmark;

TEST_CASE("Class hotkeys are normalized", "[keymap][validation]")
{
    CHECK(normalizeClassHotkey("1") == "1");
    CHECK(normalizeClassHotkey("q") == "Q");
    CHECK(normalizeClassHotkey(" shift+q ") == "Shift+Q");
    CHECK(normalizeClassHotkey("alt+ctrl+x") == "Ctrl+Alt+X");
    CHECK(normalizeClassHotkey("f5") == "F5");
    CHECK(normalizeClassHotkey("+") == "+");
    CHECK(normalizeClassHotkey("Alt++") == "Alt++");
}

TEST_CASE("Malformed hotkeys are refused with the reason", "[keymap][validation]")
{
    CHECK_THROWS_AS(normalizeClassHotkey(""), ValidationError);
    CHECK_THROWS_AS(normalizeClassHotkey("ab"), ValidationError);
    CHECK_THROWS_AS(normalizeClassHotkey("F13"), ValidationError);
    CHECK_THROWS_WITH(normalizeClassHotkey("Meta+Q"), Catch::Contains("unknown modifier"));
}

TEST_CASE("Hotkeys of default actions are refused for classes", "[keymap][validation]")
{
    CHECK_THROWS_AS(normalizeClassHotkey("s"), ConflictError);
    CHECK_THROWS_WITH(normalizeClassHotkey("S"), Catch::Contains("Skip"));
    CHECK_THROWS_WITH(normalizeClassHotkey("ctrl+z"), Catch::Contains("Undo"));
    CHECK_THROWS_WITH(normalizeClassHotkey("F1"), Catch::Contains("Shortcut sheet"));
    CHECK(actionBoundTo("Enter") == std::optional<std::string_view>("Submit"));
    CHECK_FALSE(actionBoundTo("1"));
}

TEST_CASE("Colors are normalized and validated", "[validation]")
{
    CHECK(normalizeColor("#FF8800") == "#ff8800");
    CHECK(normalizeColor("ff8800") == "#ff8800");
    CHECK(normalizeColor("#f80") == "#ff8800");
    CHECK_THROWS_AS(normalizeColor("red"), ValidationError);
    CHECK_THROWS_AS(normalizeColor("#12345"), ValidationError);
    CHECK(paletteColor(0) != paletteColor(1));
}
