#include "core/formats/voc/voc_xml.h"

#include "core/formats/format_error.h"

#include <tinyxml2.h>

#include <charconv>
#include <cmath>

namespace pixmark::formats {

namespace {

// Coordinates beyond this are refused as absurd even when the file gives no image size.
constexpr double kMaxCoordinate = 1e6;
constexpr int kMaxSide = 100000;

struct Reader {
    const std::string& file;

    [[noreturn]] void fail(const tinyxml2::XMLElement* at, const std::string& why) const
    {
        throw FormatError({file, at ? at->GetLineNum() : -1, -1, {}}, why);
    }

    const tinyxml2::XMLElement* child(const tinyxml2::XMLElement* parent, const char* name) const
    {
        const tinyxml2::XMLElement* element = parent->FirstChildElement(name);
        if (!element)
            fail(parent, "<" + std::string(parent->Name()) + "> has no <" + name + ">");
        return element;
    }

    std::string text(const tinyxml2::XMLElement* element) const
    {
        const char* raw = element->GetText();
        std::string_view value = raw ? raw : "";
        while (!value.empty() && std::string_view(" \t\r\n").find(value.front()) != std::string_view::npos)
            value.remove_prefix(1);
        while (!value.empty() && std::string_view(" \t\r\n").find(value.back()) != std::string_view::npos)
            value.remove_suffix(1);
        return std::string(value);
    }

    double number(const tinyxml2::XMLElement* parent, const char* name) const
    {
        const tinyxml2::XMLElement* element = child(parent, name);
        const std::string value = text(element);
        double result = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), result);
        if (value.empty() || error != std::errc() || end != value.data() + value.size() || !std::isfinite(result))
            fail(element, "<" + std::string(name) + "> \"" + value.substr(0, 40) + "\" is not a finite number");
        if (result < 0)
            fail(element, "<" + std::string(name) + "> is negative (" + value + ")");
        if (result > kMaxCoordinate)
            fail(element, "<" + std::string(name) + "> is absurdly large (" + value.substr(0, 40) + ")");
        return result;
    }

    int side(const tinyxml2::XMLElement* parent, const char* name) const
    {
        const double value = number(parent, name);
        if (value != std::floor(value) || value > kMaxSide)
            fail(child(parent, name), "<" + std::string(name) + "> must be a whole number of pixels up to " +
                                          std::to_string(kMaxSide));
        return static_cast<int>(value);
    }
};

void addText(tinyxml2::XMLDocument& document, tinyxml2::XMLElement* parent, const char* name, const std::string& value)
{
    tinyxml2::XMLElement* element = document.NewElement(name);
    element->SetText(value.c_str());
    parent->InsertEndChild(element);
}

std::string coordinate(double value)
{
    char text[32];
    const auto result = std::to_chars(text, text + sizeof text, value);
    return std::string(text, result.ptr);
}

} // namespace

VocAnnotation parseVocXml(std::string_view bytes, const std::string& file)
{
    tinyxml2::XMLDocument document;
    if (document.Parse(bytes.data(), bytes.size()) != tinyxml2::XML_SUCCESS)
        throw FormatError({file, document.ErrorLineNum(), -1, {}},
                          std::string("malformed XML (") + document.ErrorName() + ")");
    const Reader reader{file};
    const tinyxml2::XMLElement* root = document.RootElement();
    if (!root || std::string_view(root->Name()) != "annotation")
        reader.fail(root, "the root element must be <annotation>");

    VocAnnotation annotation;
    if (const tinyxml2::XMLElement* folder = root->FirstChildElement("folder"))
        annotation.folder = reader.text(folder);
    const tinyxml2::XMLElement* filename = reader.child(root, "filename");
    annotation.filename = reader.text(filename);
    if (annotation.filename.empty())
        reader.fail(filename, "<filename> is empty");
    if (const tinyxml2::XMLElement* size = root->FirstChildElement("size")) {
        annotation.width = reader.side(size, "width");
        annotation.height = reader.side(size, "height");
        annotation.depth = size->FirstChildElement("depth") ? reader.side(size, "depth") : 0;
        if ((annotation.width == 0) != (annotation.height == 0))
            reader.fail(size, "<size> gives only one of width and height");
    }
    for (const tinyxml2::XMLElement* object = root->FirstChildElement("object"); object;
         object = object->NextSiblingElement("object")) {
        VocObject parsed;
        parsed.line = object->GetLineNum();
        const tinyxml2::XMLElement* name = reader.child(object, "name");
        parsed.name = reader.text(name);
        if (parsed.name.empty())
            reader.fail(name, "<name> is empty");
        const tinyxml2::XMLElement* box = reader.child(object, "bndbox");
        const double xmin = reader.number(box, "xmin");
        const double ymin = reader.number(box, "ymin");
        const double xmax = reader.number(box, "xmax");
        const double ymax = reader.number(box, "ymax");
        // VOC corners are 1-based and inclusive; 0 (a common off-by-one) is read as the edge.
        const double x = std::max(xmin - 1, 0.0);
        const double y = std::max(ymin - 1, 0.0);
        if (xmax < x || ymax < y)
            reader.fail(box, "the box's xmax/ymax lie before its xmin/ymin");
        if (annotation.width > 0 && (xmax > annotation.width || ymax > annotation.height))
            reader.fail(box, "the box reaches outside the " + std::to_string(annotation.width) + " x " +
                                 std::to_string(annotation.height) + " image");
        parsed.box = Box{x, y, xmax - x, ymax - y};
        annotation.objects.push_back(std::move(parsed));
    }
    return annotation;
}

std::string toVocXml(const VocAnnotation& annotation)
{
    tinyxml2::XMLDocument document;
    tinyxml2::XMLElement* root = document.NewElement("annotation");
    document.InsertEndChild(root);
    addText(document, root, "folder", annotation.folder);
    addText(document, root, "filename", annotation.filename);
    tinyxml2::XMLElement* size = document.NewElement("size");
    root->InsertEndChild(size);
    addText(document, size, "width", std::to_string(annotation.width));
    addText(document, size, "height", std::to_string(annotation.height));
    addText(document, size, "depth", std::to_string(annotation.depth));
    addText(document, root, "segmented", "0");
    for (const VocObject& object : annotation.objects) {
        tinyxml2::XMLElement* element = document.NewElement("object");
        root->InsertEndChild(element);
        addText(document, element, "name", object.name);
        addText(document, element, "pose", "Unspecified");
        addText(document, element, "truncated", "0");
        addText(document, element, "difficult", "0");
        tinyxml2::XMLElement* box = document.NewElement("bndbox");
        element->InsertEndChild(box);
        addText(document, box, "xmin", coordinate(object.box.x + 1));
        addText(document, box, "ymin", coordinate(object.box.y + 1));
        addText(document, box, "xmax", coordinate(object.box.x + object.box.w));
        addText(document, box, "ymax", coordinate(object.box.y + object.box.h));
    }
    tinyxml2::XMLPrinter printer;
    document.Print(&printer);
    return std::string(printer.CStr(), static_cast<std::size_t>(printer.CStrSize() > 0 ? printer.CStrSize() - 1 : 0));
}

} // namespace pixmark::formats
