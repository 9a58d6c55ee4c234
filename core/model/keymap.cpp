#include "core/model/keymap.h"

#include "core/errors.h"
#include "core/util/text.h"

#include <algorithm>
#include <cctype>

namespace pixmark {

const std::vector<KeyBinding>& defaultKeymap()
{
    static const std::vector<KeyBinding> bindings{
        {"submit", "Submit", "Enter"},
        {"submit-stay", "Submit and stay", "Ctrl+Enter"},
        {"skip", "Skip", "S"},
        {"next", "Next item", "D"},
        {"next-arrow", "Next item", "Right"},
        {"previous", "Previous item", "A"},
        {"previous-arrow", "Previous item", "Left"},
        {"tile-up", "Tile above (grid)", "Up"},
        {"tile-down", "Tile below (grid)", "Down"},
        {"tool-box", "Box tool", "R"},
        {"tool-polygon", "Polygon tool", "P"},
        {"tool-brush", "Brush tool", "B"},
        {"tool-eraser", "Eraser tool", "E"},
        {"tool-select", "Select / edit", "V"},
        {"tool-fill", "Fill tool", "L"},
        {"tool-wand", "Magic wand", "W"},
        {"tool-grabcut", "Box to polygon (GrabCut)", "C"},
        {"tool-template-box", "Template box", "T"},
        {"convert-mask", "Polygon to mask and back (instance segmentation)", "M"},
        {"delete-shape", "Delete shape", "Delete"},
        {"accept-prelabel", "Accept the selected prelabel", "Y"},
        {"accept-all-prelabels", "Accept every prelabel left", "Shift+Y"},
        {"delete-prelabels", "Delete every prelabel left", "Shift+Delete"},
        {"duplicate-shape", "Duplicate shape", "Ctrl+D"},
        {"undo", "Undo", "Ctrl+Z"},
        {"redo", "Redo", "Ctrl+Shift+Z"},
        {"brush-smaller", "Smaller brush", "["},
        {"brush-larger", "Larger brush", "]"},
        {"frame-next", "Next frame (multi-frame files)", "PgDown"},
        {"frame-previous", "Previous frame (multi-frame files)", "PgUp"},
        {"zoom-fit", "Fit to window", "F"},
        {"zoom-100", "Zoom 100 %", "Ctrl+0"},
        {"pan", "Pan (hold and drag)", "Space"},
        {"hide-shapes", "Hide shapes", "H"},
        {"cycle-shapes", "Cycle overlapping shapes", "Tab"},
        {"cancel", "Cancel drawing", "Esc"},
        {"shortcut-sheet", "Shortcut sheet", "F1"},
        {"select-all", "Select all tiles", "Ctrl+A"},
        {"instructions", "Instructions", "I"},
        {"layout-cycle", "Next grid layout", "G"},
        {"layout-1", "Grid of 1 tile", "Ctrl+1"},
        {"layout-4", "Grid of 4 tiles", "Ctrl+2"},
        {"layout-6", "Grid of 6 tiles", "Ctrl+3"},
        {"layout-9", "Grid of 9 tiles", "Ctrl+4"},
    };
    return bindings;
}

namespace {

bool isFunctionKey(const std::string& key)
{
    if (key.size() < 2 || key.size() > 3 || (key[0] != 'F' && key[0] != 'f'))
        return false;
    if (!std::all_of(key.begin() + 1, key.end(), [](unsigned char c) { return std::isdigit(c); }))
        return false;
    const int number = std::stoi(key.substr(1));
    return number >= 1 && number <= 12;
}

} // namespace

std::string normalizeClassHotkey(std::string_view text)
{
    const std::string input = trimmed(text);
    if (input.empty())
        throw ValidationError("A hotkey cannot be empty.");
    bool ctrl = false, alt = false, shift = false;
    std::string key;
    std::size_t start = 0;
    // '+' alone is a valid key, so split on '+' only where a modifier precedes it.
    while (true) {
        const auto plus = input.find('+', start);
        if (plus == std::string::npos || plus == start) {
            key = input.substr(start);
            break;
        }
        const std::string modifier = lowercase(trimmed(input.substr(start, plus - start)));
        if (modifier == "ctrl" || modifier == "control")
            ctrl = true;
        else if (modifier == "alt")
            alt = true;
        else if (modifier == "shift")
            shift = true;
        else
            throw ValidationError("\"" + input + "\" is not a hotkey: unknown modifier \"" + modifier +
                                  "\" (use Ctrl, Alt or Shift).");
        start = plus + 1;
    }
    key = trimmed(key);
    if (key.size() == 1 && std::isgraph(static_cast<unsigned char>(key[0])))
        key[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(key[0])));
    else if (isFunctionKey(key))
        key[0] = 'F';
    else
        throw ValidationError("\"" + input + "\" is not a hotkey: use one character (1, Q, /) or F2-F12, "
                              "optionally with Ctrl, Alt or Shift.");
    std::string normal;
    if (ctrl)
        normal += "Ctrl+";
    if (alt)
        normal += "Alt+";
    if (shift)
        normal += "Shift+";
    normal += key;
    if (auto action = actionBoundTo(normal))
        throw ConflictError("The key " + normal + " is already used for \"" + std::string(*action) +
                            "\"; choose another hotkey.");
    return normal;
}

std::optional<std::string_view> actionBoundTo(std::string_view normalizedKeys)
{
    for (const auto& binding : defaultKeymap())
        if (binding.keys == normalizedKeys)
            return binding.title;
    return std::nullopt;
}

std::optional<std::string> keyConflict(std::string_view action, std::string_view normalizedKeys,
                                       const std::map<std::string, std::string>& actionKeys,
                                       const std::vector<std::pair<std::string, std::string>>& classHotkeys)
{
    if (normalizedKeys.empty())
        return std::nullopt;
    for (const auto& [other, keys] : actionKeys) {
        if (other == action || keys != normalizedKeys)
            continue;
        std::string title = other;
        for (const auto& binding : defaultKeymap())
            if (binding.action == other)
                title = binding.title;
        return "The key " + std::string(normalizedKeys) + " is already used for \"" + title + "\".";
    }
    for (const auto& [name, hotkey] : classHotkeys)
        if (hotkey == normalizedKeys)
            return "The key " + std::string(normalizedKeys) + " is the hotkey of the class \"" + name + "\".";
    return std::nullopt;
}

const std::vector<std::string>& automaticClassHotkeys()
{
    static const std::vector<std::string> keys{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"};
    return keys;
}

} // namespace pixmark
