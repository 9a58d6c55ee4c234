#include "core/cache/jpeg_writer.h"

#include "core/errors.h"

#include <turbojpeg.h>

#include <fstream>
#include <memory>
#include <thread>

namespace pixmark::cache {

std::vector<unsigned char> encodeJpeg(const ingest::DecodedImage& image, int quality)
{
    if (image.bitDepth != 8 || image.empty())
        throw Error("Only 8-bit images can be written as JPEG.");
    int pixelFormat = TJPF_GRAY;
    int subsampling = TJSAMP_GRAY;
    if (image.channels == 3) {
        pixelFormat = TJPF_RGB;
        subsampling = TJSAMP_420;
    } else if (image.channels == 4) {
        pixelFormat = TJPF_RGBX; // the alpha byte is skipped
        subsampling = TJSAMP_420;
    } else if (image.channels != 1) {
        throw Error("Cannot write a " + std::to_string(image.channels) + "-channel image as JPEG.");
    }
    std::unique_ptr<void, decltype(&tjDestroy)> handle(tjInitCompress(), &tjDestroy);
    if (!handle)
        throw Error("Cannot start the JPEG encoder.");
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    const int rc = tjCompress2(handle.get(), image.samples8.data(), image.width, 0, image.height, pixelFormat, &buffer,
                               &size, subsampling, quality, TJFLAG_FASTDCT);
    std::unique_ptr<unsigned char, decltype(&tjFree)> owned(buffer, &tjFree);
    if (rc != 0)
        throw Error(std::string("JPEG encoding failed: ") + tjGetErrorStr2(handle.get()));
    return std::vector<unsigned char>(buffer, buffer + size);
}

void writeFileAtomically(const std::filesystem::path& file, const std::vector<unsigned char>& bytes)
{
    std::error_code error;
    std::filesystem::create_directories(file.parent_path(), error);
    std::filesystem::path temporary = file;
    temporary += ".tmp-" + std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()));
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        if (!out)
            throw Error("Cannot write " + temporary.string() + " (disk full or read-only?).");
    }
    std::filesystem::rename(temporary, file, error);
    if (error) {
        std::filesystem::remove(temporary, error);
        throw Error("Cannot write " + file.string() + ": " + error.message());
    }
}

} // namespace pixmark::cache
