#include "app/cli/class_commands.h"

#include "app/cli/cli_context.h"
#include "app/cli/json_views.h"
#include "core/errors.h"
#include "core/project/project.h"

#include <CLI/CLI.hpp>

#include <iomanip>
#include <memory>
#include <ostream>

namespace pixmark::cli {

namespace {

struct ClassAddOptions {
    std::string file;
    std::vector<std::string> names;
    std::string color;
    std::string hotkey;
    bool noHotkey = false;
    std::string description;
    std::string mode;
};

// One class, named on the command line, and one value to apply to it.
struct ClassEditOptions {
    std::string file;
    std::string name;
    std::string value;
};

std::optional<LabelResetMode> parseMode(const std::string& text)
{
    if (text.empty())
        return std::nullopt;
    if (text == "start-over")
        return LabelResetMode::StartOver;
    if (text == "keep-as-suggestions")
        return LabelResetMode::StartOverKeepSuggestions;
    if (text == "continue")
        return LabelResetMode::Continue;
    throw UsageError("Unknown mode \"" + text + "\": use start-over, keep-as-suggestions or continue.");
}

void printClasses(std::ostream& out, const std::vector<LabelClass>& classes)
{
    if (classes.empty()) {
        out << "No classes yet. Add some with: pixmark-cli classes add PROJECT NAME...\n";
        return;
    }
    out << std::left << std::setw(5) << "#" << std::setw(28) << "NAME" << std::setw(10) << "COLOR" << std::setw(10)
        << "HOTKEY" << "NOTE\n";
    for (const LabelClass& c : classes)
        out << std::left << std::setw(5) << c.position + 1 << std::setw(28) << c.name << std::setw(10) << c.color
            << std::setw(10) << c.hotkey.value_or("-") << (c.archived ? "archived " : "") << c.description << '\n';
}

nlohmann::json classArray(const std::vector<LabelClass>& classes)
{
    nlohmann::json array = nlohmann::json::array();
    for (const LabelClass& c : classes)
        array.push_back(toJson(c));
    return array;
}

void addList(CLI::App& group, const CliContext& context)
{
    auto file = std::make_shared<std::string>();
    auto* command = group.add_subcommand("list", "List classes in order, archived ones included");
    command->add_option("project", *file, "Project file")->required();
    command->callback([file, &context] {
        auto project = Project::open(*file, Project::Access::ReadOnly);
        const auto classes = project->classes();
        context.emit(classArray(classes), [&](std::ostream& out) { printClasses(out, classes); });
    });
}

void addClassAdd(CLI::App& group, const CliContext& context)
{
    auto options = std::make_shared<ClassAddOptions>();
    auto* command = group.add_subcommand("add", "Add one or more classes (hotkeys 1-9, 0 are given automatically)");
    command->add_option("project", options->file, "Project file")->required();
    command->add_option("names", options->names, "Class names")->required();
    command->add_option("--color", options->color, "Color as #rrggbb (one class only)");
    auto* hotkey = command->add_option("--hotkey", options->hotkey, "Hotkey such as 1, Q, Shift+Q (one class only)");
    command->add_flag("--no-hotkey", options->noHotkey, "Add without a hotkey")->excludes(hotkey);
    command->add_option("--description", options->description, "What the class covers (one class only)");
    command->add_option("--mode", options->mode,
                        "When the project already has labels: start-over, keep-as-suggestions or continue");
    command->callback([options, &context] {
        const bool single = options->names.size() == 1;
        if (!single && (!options->color.empty() || !options->hotkey.empty() || !options->description.empty()))
            throw UsageError("--color, --hotkey and --description apply to one class; add classes one by one "
                                  "to set them.");
        std::vector<NewClass> classes;
        for (const auto& name : options->names) {
            NewClass newClass{name};
            if (!options->color.empty())
                newClass.color = options->color;
            if (!options->hotkey.empty())
                newClass.hotkey = options->hotkey;
            newClass.noHotkey = options->noHotkey;
            newClass.description = options->description;
            classes.push_back(std::move(newClass));
        }
        auto project = Project::open(options->file);
        const auto ids = project->addClasses(classes, parseMode(options->mode));
        std::vector<LabelClass> added;
        for (ClassId id : ids)
            added.push_back(project->labelClass(id));
        context.emit(classArray(added), [&](std::ostream& out) {
            for (const LabelClass& c : added)
                out << "Added class " << c.name << " (" << c.color << ", hotkey " << c.hotkey.value_or("none")
                    << ")\n";
        });
    });
}

// Registers a subcommand "verb PROJECT CLASS [VALUE]" that applies one edit.
void addEdit(CLI::App& group, const CliContext& context, const std::string& verb, const std::string& help,
             const std::string& valueName, std::function<void(Project&, const LabelClass&, const std::string&)> apply)
{
    auto options = std::make_shared<ClassEditOptions>();
    auto* command = group.add_subcommand(verb, help);
    command->add_option("project", options->file, "Project file")->required();
    command->add_option("class", options->name, "Class name")->required();
    if (!valueName.empty())
        command->add_option(valueName, options->value, valueName)->required();
    command->callback([options, apply, verb, &context] {
        auto project = Project::open(options->file);
        const LabelClass before = project->classNamed(options->name);
        apply(*project, before, options->value);
        const LabelClass after = project->labelClass(before.id);
        context.emit(toJson(after), [&](std::ostream& out) { printClasses(out, {after}); });
    });
}

} // namespace

void addClassCommands(CLI::App& app, const CliContext& context)
{
    auto* group = app.add_subcommand("classes", "Manage label classes");
    group->require_subcommand(1);
    addList(*group, context);
    addClassAdd(*group, context);
    addEdit(*group, context, "rename", "Rename a class", "new-name",
            [](Project& p, const LabelClass& c, const std::string& v) { p.renameClass(c.id, v); });
    addEdit(*group, context, "recolor", "Change a class's color", "color",
            [](Project& p, const LabelClass& c, const std::string& v) { p.recolorClass(c.id, v); });
    addEdit(*group, context, "hotkey", "Set a class's hotkey (\"none\" clears it)", "key",
            [](Project& p, const LabelClass& c, const std::string& v) {
                p.setClassHotkey(c.id, v == "none" ? std::nullopt : std::optional<std::string>(v));
            });
    addEdit(*group, context, "describe", "Set a class's description", "text",
            [](Project& p, const LabelClass& c, const std::string& v) { p.setClassDescription(c.id, v); });
    addEdit(*group, context, "move", "Move a class to a position (1 is first)", "position",
            [](Project& p, const LabelClass& c, const std::string& v) {
                int position = 0;
                try {
                    position = std::stoi(v);
                } catch (const std::exception&) {
                    throw ValidationError("\"" + v + "\" is not a position; use a number from 1.");
                }
                p.moveClass(c.id, position - 1);
            });
    addEdit(*group, context, "archive", "Archive a class: it keeps its labels but takes no new ones", "",
            [](Project& p, const LabelClass& c, const std::string&) { p.archiveClass(c.id, true); });
    addEdit(*group, context, "unarchive", "Bring an archived class back", "",
            [](Project& p, const LabelClass& c, const std::string&) { p.archiveClass(c.id, false); });
}

} // namespace pixmark::cli
