#include "widgets/labeling/key_settings.h"

#include "core/model/keymap.h"
#include "widgets/common/settings_name.h"

#include <QSettings>

namespace pixmark {

namespace {

QString settingsKey(const std::string& action)
{
    return QStringLiteral("keys/") + QString::fromStdString(action);
}

// Core's names where Qt's portable text differs.
QString qtName(const QString& coreName)
{
    if (coreName == QStringLiteral("Delete"))
        return QStringLiteral("Del");
    return coreName;
}
} // namespace

KeySettings::KeySettings()
{
    QSettings store(kSettingsName, kSettingsName);
    for (const KeyBinding& binding : defaultKeymap()) {
        const std::string action(binding.action);
        const QVariant stored = store.value(settingsKey(action));
        mKeys[action] = stored.isValid() ? stored.toString().toStdString() : std::string(binding.keys);
    }
}

QString KeySettings::keys(const QString& action) const
{
    const auto at = mKeys.find(action.toStdString());
    return at == mKeys.end() ? QString() : QString::fromStdString(at->second);
}

QString KeySettings::defaultKeys(const QString& action)
{
    for (const KeyBinding& binding : defaultKeymap())
        if (binding.action == action.toStdString())
            return QString::fromUtf8(binding.keys.data(), static_cast<qsizetype>(binding.keys.size()));
    return {};
}

QString KeySettings::setKeys(const QString& action, const QString& keys, const std::vector<LabelClass>& classes)
{
    const std::string id = action.toStdString();
    if (!mKeys.count(id))
        return QStringLiteral("There is no action \"%1\".").arg(action);
    std::vector<std::pair<std::string, std::string>> classKeys;
    for (const LabelClass& labelClass : classes)
        if (labelClass.hotkey && !labelClass.archived)
            classKeys.emplace_back(labelClass.name, *labelClass.hotkey);
    if (auto reason = keyConflict(id, keys.toStdString(), mKeys, classKeys))
        return QString::fromStdString(*reason);
    mKeys[id] = keys.toStdString();
    QSettings store(kSettingsName, kSettingsName);
    if (keys == defaultKeys(action))
        store.remove(settingsKey(id));
    else
        store.setValue(settingsKey(id), keys);
    return {};
}

void KeySettings::resetToDefaults()
{
    QSettings store(kSettingsName, kSettingsName);
    store.remove(QStringLiteral("keys"));
    for (const KeyBinding& binding : defaultKeymap())
        mKeys[std::string(binding.action)] = std::string(binding.keys);
}

QList<QKeySequence> toQtShortcuts(const QString& coreKeys)
{
    if (coreKeys.isEmpty())
        return {};
    QList<QKeySequence> shortcuts{QKeySequence::fromString(qtName(coreKeys), QKeySequence::PortableText)};
    if (coreKeys == QStringLiteral("Enter") || coreKeys.endsWith(QStringLiteral("+Enter"))) {
        QString withReturn = coreKeys;
        withReturn.chop(5);
        shortcuts.prepend(QKeySequence::fromString(withReturn + QStringLiteral("Return"), QKeySequence::PortableText));
    }
    return shortcuts;
}

QString toCoreKeys(const QKeySequence& sequence)
{
    if (sequence.isEmpty())
        return {};
    QString text = QKeySequence(sequence[0]).toString(QKeySequence::PortableText);
    if (text.endsWith(QStringLiteral("Return"))) {
        text.chop(6);
        text += QStringLiteral("Enter");
    } else if (text.endsWith(QStringLiteral("Del"))) {
        text += QStringLiteral("ete");
    }
    return text;
}

} // namespace pixmark
