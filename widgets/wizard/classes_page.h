#pragma once
// Wizard page 4: the label classes, one per row, with the color and hotkey each gets.

#include "core/project/project.h"

#include <QStringList>
#include "widgets/wizard/validated_page.h"

#include <vector>

class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace pixmark {

/// A table of classes (name, color swatch, hotkey). New rows get the next free key of
/// 1-9, 0, shown in the row and editable; an empty hotkey means none. Complete when core
/// accepts every name and key; otherwise the first problem shows under the table.
class ClassesPage : public ValidatedPage {
    Q_OBJECT
public:
    enum Column { NameColumn, ColorColumn, HotkeyColumn };

    explicit ClassesPage(QWidget* parent = nullptr);

    /// Appends a row; an empty color takes the next palette color.
    void addClass(const QString& name, const QString& color = QString());
    /// Appends a row per non-empty line (what "Add These" does with the text box).
    void addClassesFromText(const QString& text);
    void removeClass(int row);
    int classCount() const;
    /// The classes as core gets them: the hotkey as shown (none when empty).
    std::vector<NewClass> classes() const;
    /// The table (owned by the page), for tests that edit cells.
    QTableWidget* table() const { return mTable; }

    /// Disables the interactive color dialog (tests, screenshots).
    void setInteractive(bool interactive) { mInteractive = interactive; }
    /// While the table is empty, offers the classes a manifest's label column names
    /// (single-label task types; the registrar adds any that are missing anyway).
    void initializePage() override;

private:
    void chooseColor(int row);
    void setRowColor(int row, const QString& color);
    QString rowColor(int row) const;
    void cellEdited(int row, int column);
    QString nextFreeHotkey() const;
    void revalidate();

    QTableWidget* mTable = nullptr;
    QPlainTextEdit* mPaste = nullptr;
    QLabel* mError = nullptr;
    bool mInteractive = true;
};

} // namespace pixmark
