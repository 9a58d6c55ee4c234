#include "core/cache/jpeg_writer.h"

#include "core/errors.h"

#include <turbojpeg.h>

#include <fcntl.h>
#include <unistd.h>

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

void writeFileAtomically(const std::filesystem::path& file, const std::vector<unsigned char>& bytes, bool durable)
{
    std::error_code error;
    std::filesystem::create_directories(file.parent_path(), error);
    std::filesystem::path temporary = file;
    temporary += ".tmp-" + std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()));
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    bool written = fd >= 0;
    for (std::size_t done = 0; written && done < bytes.size();) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        written = n > 0;
        done += written ? static_cast<std::size_t>(n) : 0;
    }
    // Synced before the rename, so a power cut leaves the old file or the whole new one.
    written = written && (!durable || ::fsync(fd) == 0);
    if (fd >= 0)
        ::close(fd);
    if (!written) {
        std::filesystem::remove(temporary, error);
        throw Error("Cannot write " + temporary.string() + " (disk full or read-only?).");
    }
    std::filesystem::rename(temporary, file, error);
    if (error) {
        std::filesystem::remove(temporary, error);
        throw Error("Cannot write " + file.string() + ": " + error.message());
    }
}

} // namespace pixmark::cache
