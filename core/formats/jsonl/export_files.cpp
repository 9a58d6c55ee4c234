#include "core/formats/jsonl/export_files.h"

#include "core/errors.h"

namespace pixmark::formats {

ExportFiles::ExportFiles(std::filesystem::path folder, const std::string& datasetName, std::string extension,
                         std::string header)
    : mFolder(std::move(folder)), mExtension(std::move(extension)), mHeader(std::move(header))
{
    for (char c : datasetName)
        mBaseName += (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' ||
                      c == '|' || static_cast<unsigned char>(c) < 0x20)
                         ? '_'
                         : c;
    if (mBaseName.empty() || mBaseName == "." || mBaseName == "..")
        mBaseName = "dataset";
}

std::ofstream& ExportFiles::forSplit(const std::string& split)
{
    if (!split.empty() && split != "train" && split != "val" && split != "test")
        throw ValidationError("Unknown split \"" + split + "\"; the splits are train, val and test.");
    const std::string name = (split.empty() ? mBaseName : split) + mExtension;
    auto& file = mFiles[name];
    if (!file) {
        file = std::make_unique<std::ofstream>(mFolder / name, std::ios::binary | std::ios::trunc);
        if (!*file)
            throw Error("Cannot create \"" + (mFolder / name).string() + "\".");
        *file << mHeader;
    }
    return *file;
}

void ExportFiles::finish()
{
    for (auto& [name, file] : mFiles) {
        file->close();
        if (!*file)
            throw Error("Cannot write \"" + (mFolder / name).string() + "\" (is the disk full?).");
    }
}

} // namespace pixmark::formats
