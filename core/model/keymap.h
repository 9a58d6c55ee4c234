#pragma once
// Key sequences: the default keymap of DESIGN.md and the rules for class hotkeys.
// Key sequences are text in one normal form: modifiers in the order Ctrl, Alt, Shift,
// joined with '+', then the key ("Ctrl+Shift+Z", "1", "F5"). The GUI maps them to
// QKeySequence; core stays free of Qt.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pixmark {

/// One action of the labeling GUI and the key that triggers it.
struct KeyBinding {
    std::string_view action;  ///< stable id, "submit"
    std::string_view title;   ///< shown in the F1 sheet, "Submit"
    std::string_view keys;    ///< normal form, "Enter"
};

/// The default bindings of every non-class action (classes take 1-9, 0 by default).
const std::vector<KeyBinding>& defaultKeymap();

/// Normal form of a hotkey typed by a person ("shift+q" -> "Shift+Q"). Throws
/// ValidationError with the reason when it is not a key a class may use.
std::string normalizeClassHotkey(std::string_view text);

/// Title of the default action bound to keys, if any ("Skip" for "S").
std::optional<std::string_view> actionBoundTo(std::string_view normalizedKeys);

/// Why action may not take normalizedKeys (a person remapping keys), or nullopt when it
/// may: another action of actionKeys (action id -> its keys now) or a class hotkey
/// (class name, hotkey) already uses them. Empty keys (unbound) never conflict.
std::optional<std::string> keyConflict(std::string_view action, std::string_view normalizedKeys,
                                       const std::map<std::string, std::string>& actionKeys,
                                       const std::vector<std::pair<std::string, std::string>>& classHotkeys);

/// The hotkeys handed out to new classes, in order: 1..9, then 0.
const std::vector<std::string>& automaticClassHotkeys();

} // namespace pixmark
