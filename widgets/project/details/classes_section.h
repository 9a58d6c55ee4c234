#pragma once
// Details tab, "Classes": the project's label classes, edited in place (name, hotkey,
// description, archived), recolored, reordered and added to. Core refuses what is
// invalid (duplicate names, hotkey conflicts); its message appears under the table.

#include "core/model/label_class.h"

#include <QGroupBox>

#include <functional>
#include <optional>
#include <vector>

class QColor;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QTableWidgetItem;

namespace pixmark {

class Project;
class ProjectSession;

/// Every write goes through the session with ProjectChange::Classes, so labeling and
/// the dashboard pick up the new classes.
class ClassesSection : public QGroupBox {
    Q_OBJECT
public:
    /// Decides what becomes of existing labels when classes are added to a labeled
    /// project; gets the new classes' names, returns nullopt to cancel.
    using ResetModeChooser = std::function<std::optional<LabelResetMode>(const QStringList& classNames)>;

    enum Column { ColorColumn, NameColumn, HotkeyColumn, DescriptionColumn, ArchivedColumn, ColumnCount };

    /// Reads the classes at once; session must outlive the section.
    explicit ClassesSection(ProjectSession& session, QWidget* parent = nullptr);
    /// Interactive asks for the mode with LabelResetDialog and colors with QColorDialog;
    /// otherwise the chooser decides (no chooser: adding to a labeled project is cancelled).
    void setInteractive(bool interactive);
    /// Used instead of the dialog when not interactive (tests, scripted setups).
    void setResetModeChooser(ResetModeChooser chooser);

    /// Reads the classes again; reloaded() follows.
    void reload();
    /// Adds a class named name (what the Add button does with the name field).
    void addClass(const QString& name);
    /// Recolors the class; what the color dialog does.
    void recolor(ClassId id, const QColor& color);
    /// Moves the selected class up (-1) or down (+1).
    void moveSelected(int delta);

    /// The table (one row per class, columns as in Column) and the new-name field.
    QTableWidget* table() const { return mTable; }
    QLineEdit* newNameEdit() const { return mNewName; }
    /// The classes as last shown, in table order.
    const std::vector<LabelClass>& classes() const { return mClasses; }
    /// Core's message for the last refused edit; empty after a successful one.
    QString errorText() const;

signals:
    /// The table shows the project's current classes.
    void reloaded();
    /// An add or edit finished; ok is false when core refused it (see errorText()).
    void editFinished(bool ok);

private:
    void onItemChanged(QTableWidgetItem* item);
    void onDoubleClicked(int row, int column);
    /// Runs an edit of the classes and reports its outcome inline.
    void edit(std::function<void(Project&)> work);
    void showError(const QString& message);
    ClassId idAt(int row) const;

    ProjectSession& mSession;
    bool mInteractive = true;
    bool mLoading = false;
    ResetModeChooser mChooser;
    std::vector<LabelClass> mClasses;
    QTableWidget* mTable = nullptr;
    QLineEdit* mNewName = nullptr;
    QPushButton* mAdd = nullptr;
    QPushButton* mColor = nullptr;
    QPushButton* mUp = nullptr;
    QPushButton* mDown = nullptr;
    QLabel* mError = nullptr;
};

} // namespace pixmark
