#pragma once
// The labeler's own keymap: defaults from core (core/model/keymap.h) with overrides kept
// in QSettings under "keys/<action>", plus the conversions between core's key text and
// QKeySequence.

#include "core/model/label_class.h"

#include <QKeySequence>
#include <QList>
#include <QString>

#include <map>
#include <string>
#include <vector>

namespace pixmark {

/// Effective key of every action. Reads the overrides on construction; setKeys()
/// validates with core's keyConflict() and writes through to QSettings at once.
class KeySettings {
public:
    KeySettings();

    /// The action's keys in core's normal form ("Ctrl+Shift+Z"); empty when unbound.
    QString keys(const QString& action) const;
    /// The default keys of action (core's keymap).
    static QString defaultKeys(const QString& action);
    /// Every action id -> its effective keys.
    const std::map<std::string, std::string>& all() const { return mKeys; }

    /// Binds action to keys (normal form; empty unbinds). Returns the reason when refused
    /// (another action or one of classes' hotkeys uses them), empty on success.
    QString setKeys(const QString& action, const QString& keys, const std::vector<LabelClass>& classes);
    /// Drops every override.
    void resetToDefaults();

private:
    std::map<std::string, std::string> mKeys;
};

/// The shortcuts that trigger core key text: "Enter" gives both Return and keypad Enter.
QList<QKeySequence> toQtShortcuts(const QString& coreKeys);
/// Core's normal form of the first combination of sequence ("Return" -> "Enter").
QString toCoreKeys(const QKeySequence& sequence);

} // namespace pixmark
