#include "ml/engine/checkpoint.h"

#include "ml/engine/errors.h"

#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>
#include <torch/torch.h>

#include <sstream>

namespace pixmark::ml {

namespace {

const std::string kArchitectureKey = "pixmark/architecture";
const std::string kMetadataKeys = "pixmark/metadata-keys";

std::string firstLine(const std::string& s)
{
    return s.substr(0, s.find('\n'));
}

std::string readString(torch::serialize::InputArchive& archive, const std::string& key)
{
    c10::IValue value;
    if (!archive.try_read(key, value) || !value.isString())
        return {};
    return value.toStringRef();
}

} // namespace

void saveCheckpoint(const std::filesystem::path& path, Task& task, const CheckpointMetadata& metadata)
{
    torch::serialize::OutputArchive archive;
    for (const auto& [name, tensor] : task.state())
        archive.write("state/" + name, tensor.detach().to(torch::kCPU).contiguous(), /*is_buffer=*/true);
    archive.write(kArchitectureKey, c10::IValue(task.describe()));
    std::string keys;
    for (const auto& [key, value] : metadata) {
        keys += key + "\n";
        archive.write("meta/" + key, c10::IValue(value));
    }
    archive.write(kMetadataKeys, c10::IValue(keys));

    auto temporary = path;
    temporary += ".partial";
    try {
        if (path.has_parent_path())
            std::filesystem::create_directories(path.parent_path());
        archive.save_to(temporary.string());
        std::filesystem::rename(temporary, path);
    } catch (const std::exception& e) {
        std::error_code ec;
        std::filesystem::remove(temporary, ec);
        throw ModelFileError("Cannot write the checkpoint " + path.string() + " (" + firstLine(e.what()) +
                             "). Check that the folder is writable and the disk has space.");
    }
}

CheckpointMetadata loadCheckpoint(const std::filesystem::path& path, Task& task)
{
    const std::string retrain = " Train the model again to replace it.";
    torch::serialize::InputArchive archive;
    try {
        archive.load_from(path.string(), torch::kCPU);
    } catch (const std::exception& e) {
        throw ModelFileError("The checkpoint " + path.string() + " cannot be read (" + firstLine(e.what()) + ")." +
                             retrain);
    }
    const std::string architecture = readString(archive, kArchitectureKey);
    if (architecture != task.describe())
        throw ModelFileError("The checkpoint " + path.string() + " holds a different model (" +
                             (architecture.empty() ? std::string("no architecture recorded") : architecture) +
                             ") than the one being loaded (" + task.describe() + ")." + retrain);

    torch::NoGradGuard noGrad;
    for (auto& [name, tensor] : task.state()) {
        torch::Tensor stored;
        if (!archive.try_read("state/" + name, stored, /*is_buffer=*/true))
            throw ModelFileError("The checkpoint " + path.string() + " lacks the weights " + name + "." + retrain);
        if (stored.sizes() != tensor.sizes())
            throw ModelFileError("The checkpoint " + path.string() + " has weights " + name +
                                 " of another shape than the model." + retrain);
        tensor.copy_(stored);
    }
    CheckpointMetadata metadata;
    std::istringstream keys(readString(archive, kMetadataKeys));
    for (std::string key; std::getline(keys, key);) {
        if (!key.empty())
            metadata[key] = readString(archive, "meta/" + key);
    }
    return metadata;
}

} // namespace pixmark::ml
