#include "core/errors.h"
#include "core/model/keymap.h"
#include "core/project/naming_rules.h"

#include <catch2/catch.hpp>

#include <set>

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

TEST_CASE("Labeling keys are in the default keymap and kept from classes", "[keymap][validation]")
{
    CHECK(actionBoundTo("Ctrl+A") == std::optional<std::string_view>("Select all tiles"));
    CHECK(actionBoundTo("I") == std::optional<std::string_view>("Instructions"));
    CHECK(actionBoundTo("G") == std::optional<std::string_view>("Next grid layout"));
    CHECK_THROWS_WITH(normalizeClassHotkey("ctrl+2"), Catch::Contains("Grid of 4 tiles"));
    // Every default key is bound once.
    std::set<std::string_view> keys;
    for (const auto& binding : defaultKeymap())
        CHECK(keys.insert(binding.keys).second);
}

TEST_CASE("Remapped keys that another action or a class uses are refused", "[keymap][validation]")
{
    const std::map<std::string, std::string> current{{"submit", "Enter"}, {"skip", "S"}, {"next", "D"}};
    const std::vector<std::pair<std::string, std::string>> classes{{"Cat", "1"}, {"Dog", "2"}};
    CHECK_FALSE(keyConflict("skip", "K", current, classes));
    CHECK_FALSE(keyConflict("skip", "S", current, classes));
    CHECK_FALSE(keyConflict("skip", "", current, classes));
    CHECK(keyConflict("skip", "Enter", current, classes).value_or("").find("Submit") != std::string::npos);
    CHECK(keyConflict("skip", "2", current, classes).value_or("").find("Dog") != std::string::npos);
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
