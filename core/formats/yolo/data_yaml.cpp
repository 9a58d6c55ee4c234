#include "core/formats/yolo/data_yaml.h"

#include "core/formats/format_error.h"

#include <cctype>
#include <charconv>
#include <cstdio>

namespace pixmark::formats {

namespace {

constexpr std::size_t kMaxClasses = 100000;

struct Context {
    const std::string& file;
    std::int64_t line = 0;

    [[noreturn]] void fail(const std::string& why) const { throw FormatError({file, line, -1, {}}, why); }
};

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

// The line without a trailing comment; a '#' inside quotes or glued to a word is text.
std::string_view stripComment(std::string_view line)
{
    char quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote) {
            if (c == '\\' && quote == '"')
                ++i;
            else if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
            return line.substr(0, i);
        }
    }
    return line;
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::string unquote(std::string_view text, const Context& context)
{
    text = trim(text);
    if (text.empty() || (text.front() != '"' && text.front() != '\''))
        return std::string(text);
    const char quote = text.front();
    if (text.size() < 2 || text.back() != quote)
        context.fail("unterminated quoted string");
    const std::string_view body = text.substr(1, text.size() - 2);
    std::string out;
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (quote == '\'') {
            if (c == '\'') {
                if (i + 1 >= body.size() || body[i + 1] != '\'')
                    context.fail("a single quote inside a single-quoted string must be doubled");
                ++i;
            }
            out += c;
            continue;
        }
        if (c == '"')
            context.fail("unescaped double quote inside a double-quoted string");
        if (c != '\\') {
            out += c;
            continue;
        }
        if (++i >= body.size())
            context.fail("a backslash ends the string");
        switch (body[i]) {
        case '\\': out += '\\'; break;
        case '"': out += '"'; break;
        case '/': out += '/'; break;
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'x': {
            const int high = i + 2 < body.size() ? hexDigit(body[i + 1]) : -1;
            const int low = i + 2 < body.size() ? hexDigit(body[i + 2]) : -1;
            if (high < 0 || low < 0)
                context.fail("\\x needs two hexadecimal digits");
            out += static_cast<char>(high * 16 + low);
            i += 2;
            break;
        }
        default: context.fail(std::string("unknown escape \\") + body[i]);
        }
    }
    return out;
}

// "[a, 'b, c', d]" -> its items.
std::vector<std::string> flowList(std::string_view text, const Context& context)
{
    if (text.size() < 2 || text.back() != ']')
        context.fail("a list opened with '[' must close with ']' on the same line");
    const std::string_view body = text.substr(1, text.size() - 2);
    std::vector<std::string> items;
    if (trim(body).empty())
        return items;
    std::size_t start = 0;
    char quote = 0;
    for (std::size_t i = 0; i <= body.size(); ++i) {
        const char c = i < body.size() ? body[i] : ',';
        if (quote) {
            if (c == '\\' && quote == '"')
                ++i;
            else if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[' || c == '{') {
            context.fail("nested lists and maps are not supported in data.yaml");
        } else if (c == ',') {
            items.push_back(unquote(body.substr(start, i - start), context));
            start = i + 1;
        }
    }
    if (quote)
        context.fail("unterminated quoted string");
    return items;
}

std::optional<std::size_t> parseIndex(std::string_view text)
{
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return value;
}

// Finds the ':' that ends a key (outside quotes, followed by a space or the line's end).
std::size_t keyColon(std::string_view line)
{
    char quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if ((c == '"' || c == '\'') && i == 0) {
            quote = c;
        } else if (c == ':' && (i + 1 == line.size() || line[i + 1] == ' ' || line[i + 1] == '\t')) {
            return i;
        }
    }
    return std::string_view::npos;
}

bool needsQuotes(const std::string& name)
{
    if (name.empty() || name.front() == ' ' || name.back() == ' ' || name.front() == '-' || name.front() == '?')
        return true;
    static const char* const reserved[] = {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"};
    std::string lower;
    for (const char c : name)
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* word : reserved)
        if (lower == word)
            return true;
    double number = 0;
    if (std::from_chars(name.data(), name.data() + name.size(), number).ptr == name.data() + name.size())
        return true;
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f || std::string_view(":#[]{},'\"&*!|>%@`\\").find(c) != std::string_view::npos)
            return true;
    }
    return false;
}

std::string quoted(const std::string& name)
{
    if (!needsQuotes(name))
        return name;
    std::string out = "\"";
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\r') {
            out += "\\r";
        } else if (u < 0x20 || u == 0x7f) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02x", u);
            out += hex;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

} // namespace

DataYaml parseDataYaml(std::string_view text, const std::string& file)
{
    DataYaml yaml;
    Context context{file};
    std::optional<std::size_t> nc;
    std::int64_t ncLine = 0;
    bool sawNames = false;
    // While reading names as a block list or index map.
    enum class Block { None, Names, Skip } block = Block::None;
    std::map<std::size_t, std::string> indexed;
    bool blockIsList = false;
    bool blockIsMap = false;

    std::size_t position = 0;
    while (position <= text.size()) {
        const std::size_t end = std::min(text.find('\n', position), text.size());
        const std::string_view raw = text.substr(position, end - position);
        position = end + 1;
        ++context.line;
        const std::string_view line = trim(stripComment(raw));
        if (line.empty() || line == "---")
            continue;
        const bool indented = raw.front() == ' ' || raw.front() == '\t';
        if (indented || line.front() == '-') {
            if (block == Block::Skip)
                continue;
            if (block != Block::Names)
                context.fail("unexpected indented line outside a block");
            if (line.front() == '-') {
                if (blockIsMap)
                    context.fail("names mixes a list and an index map");
                blockIsList = true;
                indexed.emplace(indexed.size(), unquote(line.substr(1), context));
            } else {
                if (blockIsList)
                    context.fail("names mixes a list and an index map");
                blockIsMap = true;
                const std::size_t colon = keyColon(line);
                if (colon == std::string_view::npos)
                    context.fail("expected \"index: name\" under names");
                const auto index = parseIndex(trim(line.substr(0, colon)));
                if (!index || *index >= kMaxClasses)
                    context.fail("class index \"" + std::string(trim(line.substr(0, colon))) +
                                 "\" is not an integer from 0 to " + std::to_string(kMaxClasses - 1));
                if (!indexed.emplace(*index, unquote(line.substr(colon + 1), context)).second)
                    context.fail("class index " + std::to_string(*index) + " appears twice");
            }
            continue;
        }
        block = Block::None;
        const std::size_t colon = keyColon(line);
        if (colon == std::string_view::npos)
            context.fail("expected \"key: value\"");
        const std::string key = unquote(line.substr(0, colon), context);
        const std::string_view value = trim(line.substr(colon + 1));
        if (key == "names") {
            if (sawNames)
                context.fail("names appears twice");
            sawNames = true;
            if (value.empty()) {
                block = Block::Names;
            } else if (value.front() == '[') {
                for (std::string& name : flowList(value, context))
                    indexed.emplace(indexed.size(), std::move(name));
            } else {
                context.fail("names must be a list or an index map");
            }
        } else if (key == "nc") {
            nc = parseIndex(value);
            if (!nc || *nc > kMaxClasses)
                context.fail("nc must be an integer from 0 to " + std::to_string(kMaxClasses));
            ncLine = context.line;
        } else if (key == "path") {
            yaml.path = unquote(value, context);
        } else if (key == "train" || key == "val" || key == "test") {
            if (!value.empty() && value.front() == '[') {
                const auto folders = flowList(value, context);
                yaml.splits[key] = folders.empty() ? std::string() : folders.front();
            } else {
                yaml.splits[key] = unquote(value, context);
            }
            if (value.empty())
                block = Block::Skip;
        } else {
            block = Block::Skip;
        }
    }
    if (!sawNames)
        throw FormatError({file, -1, -1, {}}, "no names: data.yaml must list the class names");
    std::size_t expected = 0;
    for (auto& [index, name] : indexed) {
        if (index != expected)
            throw FormatError({file, -1, -1, {}}, "names has no class with index " + std::to_string(expected));
        yaml.names.push_back(std::move(name));
        ++expected;
    }
    if (nc && *nc != yaml.names.size())
        throw FormatError({file, ncLine, -1, {}}, "nc is " + std::to_string(*nc) + " but names lists " +
                                                      std::to_string(yaml.names.size()) + " classes");
    return yaml;
}

std::string toDataYamlText(const DataYaml& yaml)
{
    std::string text;
    if (!yaml.path.empty())
        text += "path: " + quoted(yaml.path) + "\n";
    for (const char* split : {"train", "val", "test"}) {
        const auto found = yaml.splits.find(split);
        if (found != yaml.splits.end())
            text += std::string(split) + ": " + quoted(found->second) + "\n";
    }
    text += "nc: " + std::to_string(yaml.names.size()) + "\n";
    text += "names:\n";
    for (std::size_t i = 0; i < yaml.names.size(); ++i)
        text += "  " + std::to_string(i) + ": " + quoted(yaml.names[i]) + "\n";
    return text;
}

} // namespace pixmark::formats
