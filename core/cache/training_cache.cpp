#include "core/cache/training_cache.h"

#include "core/errors.h"
#include "core/ingest/image_readers.h"
#include "core/project/project.h"
#include "core/util/parallel_for.h"

#include <nlohmann/json.hpp>

#include <opencv2/imgproc.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <set>

namespace pixmark::cache {

namespace {

constexpr char kImagesMagic[8] = {'P', 'X', 'M', 'K', 'T', 'C', '0', '1'};
constexpr char kIndexMagic[8] = {'P', 'X', 'M', 'K', 'T', 'I', '0', '1'};
constexpr std::uint32_t kVersion = 1;
constexpr std::size_t kHeaderBytes = 64;

// Both files start with the same 64-byte header (little-endian, see docs/training-cache.md).
struct Header {
    char magic[8];
    std::uint32_t version;
    std::uint32_t side;
    std::uint32_t channels;
    std::uint32_t recordBytes;
    std::uint64_t count;
    std::uint8_t reserved[32];
};
static_assert(sizeof(Header) == kHeaderBytes);

struct IndexRecord {
    std::int64_t itemId;
    std::uint32_t originalWidth;
    std::uint32_t originalHeight;
    float scale;
    std::int32_t padX;
    std::int32_t padY;
    std::uint32_t flags;
};
static_assert(sizeof(IndexRecord) == 32);

// A file descriptor that closes itself.
struct Fd {
    int fd = -1;
    explicit Fd(int value) : fd(value) {}
    ~Fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
};

void writeAll(int fd, const void* data, std::size_t size, off_t offset, const std::filesystem::path& file)
{
    const auto* bytes = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t n = ::pwrite(fd, bytes, size, offset);
        if (n <= 0)
            throw Error("Cannot write the training cache " + file.string() + ": " + std::strerror(errno) +
                        " (disk full?). Delete the cache folder to start it over; nothing else is affected.");
        bytes += n;
        size -= static_cast<std::size_t>(n);
        offset += n;
    }
}

bool readAll(int fd, void* data, std::size_t size, off_t offset)
{
    auto* bytes = static_cast<char*>(data);
    while (size > 0) {
        const ssize_t n = ::pread(fd, bytes, size, offset);
        if (n <= 0)
            return false;
        bytes += n;
        size -= static_cast<std::size_t>(n);
        offset += n;
    }
    return true;
}

Header makeHeader(const char (&magic)[8], const TrainingCacheSpec& spec, std::uint32_t recordBytes)
{
    Header header{};
    std::memcpy(header.magic, magic, sizeof header.magic);
    header.version = kVersion;
    header.side = static_cast<std::uint32_t>(spec.side);
    header.channels = static_cast<std::uint32_t>(spec.channels);
    header.recordBytes = recordBytes;
    return header;
}

bool headerMatches(const Header& header, const Header& expected)
{
    return std::memcmp(header.magic, expected.magic, 8) == 0 && header.version == expected.version &&
           header.side == expected.side && header.channels == expected.channels &&
           header.recordBytes == expected.recordBytes;
}

// One decoded, letterboxed image ready to append.
struct Prepared {
    bool ok = false;
    std::string error;
    IndexRecord index{};
    std::vector<std::uint8_t> pixels;
};

Prepared prepare(const ImageJob& job, const TrainingCacheSpec& spec, const ingest::ReaderLimits& limits)
{
    Prepared prepared;
    try {
        ingest::DecodeOptions options;
        options.depth = ingest::DecodeOptions::Depth::Display8;
        options.maxSide = spec.side; // decoders reduce while decoding where they can
        const ingest::ImageHeader header = ingest::probeImage(job.file, limits);
        const auto image = ingest::decodeImage(job.file, options, limits);
        const int type = CV_8UC(image.channels);
        const cv::Mat source(image.height, image.width, type, const_cast<std::uint8_t*>(image.samples8.data()));
        cv::Mat converted;
        if (image.channels == spec.channels)
            converted = source;
        else if (spec.channels == 3)
            cv::cvtColor(source, converted, image.channels == 1 ? cv::COLOR_GRAY2RGB : cv::COLOR_RGBA2RGB);
        else
            cv::cvtColor(source, converted, image.channels == 4 ? cv::COLOR_RGBA2GRAY : cv::COLOR_RGB2GRAY);
        // Letterbox against the original size so boxes map back exactly.
        const double scale =
            static_cast<double>(spec.side) / std::max(header.width, header.height);
        const int width = std::max(1, static_cast<int>(std::lround(header.width * scale)));
        const int height = std::max(1, static_cast<int>(std::lround(header.height * scale)));
        cv::Mat resized;
        cv::resize(converted, resized, cv::Size(width, height), 0, 0, cv::INTER_AREA);
        cv::Mat canvas = cv::Mat::zeros(spec.side, spec.side, CV_8UC(spec.channels));
        const int padX = (spec.side - width) / 2;
        const int padY = (spec.side - height) / 2;
        resized.copyTo(canvas(cv::Rect(padX, padY, width, height)));
        prepared.pixels.assign(canvas.data, canvas.data + canvas.total() * canvas.elemSize());
        prepared.index = IndexRecord{job.itemId, static_cast<std::uint32_t>(header.width),
                                     static_cast<std::uint32_t>(header.height), static_cast<float>(scale), padX, padY,
                                     0};
        prepared.ok = true;
    } catch (const std::exception& error) {
        prepared.error = error.what();
    }
    return prepared;
}

} // namespace

TrainingCacheSpec trainingCacheSpecOf(Project& project)
{
    const auto value = nlohmann::json::parse(project.setting("training_cache"), nullptr, false);
    TrainingCacheSpec spec;
    if (value.is_object()) {
        spec.side = value.value("side", spec.side);
        spec.channels = value.value("channels", spec.channels);
    }
    return spec;
}

void setTrainingCacheSpec(Project& project, const TrainingCacheSpec& spec)
{
    TrainingCache check(project.cacheFolder(), spec); // validates
    project.setSetting("training_cache", nlohmann::json{{"side", spec.side}, {"channels", spec.channels}}.dump());
}

TrainingCache::TrainingCache(std::filesystem::path cacheFolder, TrainingCacheSpec spec)
    : mFolder(std::move(cacheFolder) / "training"), mSpec(spec)
{
    if (spec.side < 8 || spec.side > 4096)
        throw ValidationError("The training image size must be between 8 and 4096 pixels.");
    if (spec.channels != 1 && spec.channels != 3)
        throw ValidationError("The training cache holds gray (1) or RGB (3) images.");
}

std::size_t TrainingCache::recordBytes() const
{
    return static_cast<std::size_t>(mSpec.side) * static_cast<std::size_t>(mSpec.side) *
           static_cast<std::size_t>(mSpec.channels);
}

std::filesystem::path TrainingCache::imagesFile() const
{
    return mFolder / ("images-" + std::to_string(mSpec.side) + "x" + std::to_string(mSpec.side) + "x" +
                      std::to_string(mSpec.channels) + ".bin");
}

std::filesystem::path TrainingCache::indexFile() const
{
    auto index = imagesFile();
    index.replace_extension(".idx");
    return index;
}

std::vector<CacheEntry> TrainingCache::entries() const
{
    std::vector<CacheEntry> entries;
    Fd images(::open(imagesFile().c_str(), O_RDONLY | O_CLOEXEC));
    Fd index(::open(indexFile().c_str(), O_RDONLY | O_CLOEXEC));
    if (images.fd < 0 || index.fd < 0)
        return entries;
    Header imagesHeader{}, indexHeader{};
    const auto bytes = static_cast<std::uint32_t>(recordBytes());
    if (!readAll(images.fd, &imagesHeader, kHeaderBytes, 0) || !readAll(index.fd, &indexHeader, kHeaderBytes, 0) ||
        !headerMatches(imagesHeader, makeHeader(kImagesMagic, mSpec, bytes)) ||
        !headerMatches(indexHeader, makeHeader(kIndexMagic, mSpec, bytes)))
        return entries;
    // Trust no count the files cannot hold: a damaged header must lead to a rebuild, not
    // to an allocation of whatever number it claims.
    struct stat imagesInfo {}, indexInfo {};
    if (::fstat(images.fd, &imagesInfo) != 0 || ::fstat(index.fd, &indexInfo) != 0)
        return entries;
    const auto imagesRoom = (static_cast<std::uint64_t>(imagesInfo.st_size) - std::min<std::uint64_t>(
                                 kHeaderBytes, static_cast<std::uint64_t>(imagesInfo.st_size))) / bytes;
    const auto indexRoom = (static_cast<std::uint64_t>(indexInfo.st_size) - std::min<std::uint64_t>(
                                kHeaderBytes, static_cast<std::uint64_t>(indexInfo.st_size))) / sizeof(IndexRecord);
    if (imagesHeader.count > imagesRoom || indexHeader.count > indexRoom)
        return entries;
    const auto count = std::min(imagesHeader.count, indexHeader.count);
    std::vector<IndexRecord> records(count);
    if (count > 0 && !readAll(index.fd, records.data(), count * sizeof(IndexRecord), kHeaderBytes))
        return {};
    for (const auto& r : records)
        entries.push_back({r.itemId, r.originalWidth, r.originalHeight, r.scale, r.padX, r.padY});
    return entries;
}

std::vector<std::uint8_t> TrainingCache::record(std::size_t i) const
{
    Fd images(::open(imagesFile().c_str(), O_RDONLY | O_CLOEXEC));
    std::vector<std::uint8_t> pixels(recordBytes());
    if (images.fd < 0 ||
        !readAll(images.fd, pixels.data(), pixels.size(), static_cast<off_t>(kHeaderBytes + i * recordBytes())))
        throw Error("Record " + std::to_string(i) + " is not in the training cache.");
    return pixels;
}

TrainingCacheReport TrainingCache::update(const std::vector<ImageJob>& jobs, const ingest::ReaderLimits& limits,
                                          int threads, const ProgressCallback& progress, const CancelToken& cancel)
{
    TrainingCacheReport report;
    std::error_code error;
    std::filesystem::create_directories(mFolder, error);
    if (error)
        throw Error("Cannot create " + mFolder.string() + ": " + error.message());

    auto existing = entries();
    const bool valid = std::filesystem::exists(imagesFile()) || std::filesystem::exists(indexFile());
    if (existing.empty() && valid) {
        report.rebuilt = true; // mismatched or damaged files: start over
        std::filesystem::remove(imagesFile(), error);
        std::filesystem::remove(indexFile(), error);
    }
    std::set<ItemId> cached;
    for (const auto& entry : existing)
        cached.insert(entry.itemId);
    std::vector<const ImageJob*> todo;
    for (const auto& job : jobs) {
        if (cached.count(job.itemId))
            ++report.alreadyCached;
        else
            todo.push_back(&job);
    }

    Fd images(::open(imagesFile().c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
    Fd index(::open(indexFile().c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
    if (images.fd < 0 || index.fd < 0)
        throw Error("Cannot open the training cache in " + mFolder.string() + ": " + std::strerror(errno));
    const auto bytes = static_cast<std::uint32_t>(recordBytes());
    Header imagesHeader = makeHeader(kImagesMagic, mSpec, bytes);
    Header indexHeader = makeHeader(kIndexMagic, mSpec, bytes);
    std::uint64_t count = existing.size();
    imagesHeader.count = indexHeader.count = count;
    writeAll(images.fd, &imagesHeader, kHeaderBytes, 0, imagesFile());
    writeAll(index.fd, &indexHeader, kHeaderBytes, 0, indexFile());

    constexpr std::size_t kChunk = 256;
    for (std::size_t begin = 0; begin < todo.size() && !cancel.isCancelled(); begin += kChunk) {
        const std::size_t end = std::min(todo.size(), begin + kChunk);
        std::vector<Prepared> prepared(end - begin);
        parallelFor(begin, end, threads, cancel,
                    [&](std::size_t i) { prepared[i - begin] = prepare(*todo[i], mSpec, limits); });
        for (std::size_t i = 0; i < prepared.size(); ++i) {
            if (!prepared[i].ok) {
                if (!prepared[i].error.empty()) // empty: not reached before a cancel
                    report.failed.emplace_back(todo[begin + i]->itemId, prepared[i].error);
                continue;
            }
            writeAll(images.fd, prepared[i].pixels.data(), bytes, static_cast<off_t>(kHeaderBytes + count * bytes),
                     imagesFile());
            writeAll(index.fd, &prepared[i].index, sizeof(IndexRecord),
                     static_cast<off_t>(kHeaderBytes + count * sizeof(IndexRecord)), indexFile());
            ++count;
            ++report.appended;
        }
        // Records first, counts last: a crash leaves extra bytes past the count, never a
        // count that promises records that are not there.
        ::fdatasync(images.fd);
        ::fdatasync(index.fd);
        imagesHeader.count = indexHeader.count = count;
        writeAll(images.fd, &imagesHeader, kHeaderBytes, 0, imagesFile());
        writeAll(index.fd, &indexHeader, kHeaderBytes, 0, indexFile());
        if (progress)
            progress(static_cast<std::int64_t>(end), static_cast<std::int64_t>(todo.size()), "training cache");
    }
    report.cancelled = cancel.isCancelled();
    return report;
}

} // namespace pixmark::cache
