#pragma once
// Driving the creation wizard through its real widgets, as a person would: fields found
// by object name, Next and Finish pressed.

#include "widgets/wizard/create_project_wizard.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QString>
#include <catch2/catch.hpp>

namespace pixmark::test {

/// The wizard's child named name, of type T; fails the test when missing.
template <class T> T* field(QWidget& wizard, const char* name)
{
    T* found = wizard.findChild<T*>(QString::fromLatin1(name));
    REQUIRE(found);
    return found;
}

/// Text of a field's error label, empty while it is hidden.
inline QString errorText(QWidget& wizard, const char* name)
{
    auto* label = field<QLabel>(wizard, name);
    return label->isHidden() ? QString() : label->text();
}

inline bool nextEnabled(QWizard& wizard)
{
    return wizard.button(QWizard::NextButton)->isEnabled();
}

/// Presses Next and checks that the wizard moved on.
inline void pressNext(QWizard& wizard)
{
    const int before = wizard.currentId();
    REQUIRE(nextEnabled(wizard));
    wizard.button(QWizard::NextButton)->click();
    QApplication::processEvents();
    REQUIRE(wizard.currentId() == before + 1);
}

inline void setText(QWidget& wizard, const char* name, const QString& text)
{
    field<QLineEdit>(wizard, name)->setText(text);
}

} // namespace pixmark::test
