#include "core/ingest/content_hash.h"

#include "core/ingest/image_reader.h"

#include <xxhash.h>

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <memory>

namespace pixmark::ingest {

std::string contentHash(const std::filesystem::path& file)
{
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw ImageError("cannot open the file to hash it", file);
    std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state(XXH3_createState(), &XXH3_freeState);
    XXH3_64bits_reset(state.get());
    std::array<char, 1 << 16> buffer{};
    ssize_t got = 0;
    while ((got = ::read(fd, buffer.data(), buffer.size())) > 0)
        XXH3_64bits_update(state.get(), buffer.data(), static_cast<std::size_t>(got));
    ::close(fd);
    if (got < 0)
        throw ImageError("read error while hashing the file", file);
    std::array<char, 17> hex{};
    std::snprintf(hex.data(), hex.size(), "%016llx", static_cast<unsigned long long>(XXH3_64bits_digest(state.get())));
    return hex.data();
}

} // namespace pixmark::ingest
