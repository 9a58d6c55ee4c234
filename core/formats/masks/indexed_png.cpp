#include "core/formats/masks/indexed_png.h"

#include "core/errors.h"
#include "core/formats/format_error.h"

#include <png.h>

#include <cstdio>
#include <cstring>

namespace pixmark::formats {

namespace {

// libpng reports errors by longjmp: everything it touches lives in this plain struct,
// owned by the caller's frame, so no C++ destructor is ever jumped over.
struct PngState {
    char message[256] = {};
    const unsigned char* data = nullptr;
    std::size_t size = 0;
    std::size_t offset = 0;
    IndexedPng* image = nullptr;
    std::vector<png_bytep>* rows = nullptr;
    int bitDepth = 0;
    int colorType = 0;
    bool refused = false;
};

void onError(png_structp png, png_const_charp message)
{
    auto* state = static_cast<PngState*>(png_get_error_ptr(png));
    std::snprintf(state->message, sizeof state->message, "%s", message);
    png_longjmp(png, 1);
}

void onWarning(png_structp, png_const_charp) {}

void readFromMemory(png_structp png, png_bytep out, png_size_t length)
{
    auto* state = static_cast<PngState*>(png_get_io_ptr(png));
    if (length > state->size - state->offset)
        png_error(png, "the PNG data ends early (truncated file)");
    std::memcpy(out, state->data + state->offset, length);
    state->offset += length;
}

// Fills state->image; false with state->message on failure.
bool decode(PngState* state)
{
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, state, onError, onWarning);
    if (!png) {
        std::snprintf(state->message, sizeof state->message, "out of memory");
        return false;
    }
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_read_struct(&png, nullptr, nullptr);
        std::snprintf(state->message, sizeof state->message, "out of memory");
        return false;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, nullptr);
        return false;
    }
    png_set_read_fn(png, state, readFromMemory);
    png_set_user_limits(png, kMaxPngSide, kMaxPngSide);
    png_set_chunk_malloc_max(png, 64u << 20);
    png_read_info(png, info);
    png_uint_32 width = 0;
    png_uint_32 height = 0;
    int interlace = 0;
    png_get_IHDR(png, info, &width, &height, &state->bitDepth, &state->colorType, &interlace, nullptr, nullptr);
    if (state->bitDepth != 8 || (state->colorType != PNG_COLOR_TYPE_PALETTE && state->colorType != PNG_COLOR_TYPE_GRAY) ||
        std::int64_t{width} * height > kMaxPngPixels) {
        state->refused = true;
        png_destroy_read_struct(&png, &info, nullptr);
        return false;
    }
    png_colorp palette = nullptr;
    int colors = 0;
    if (png_get_PLTE(png, info, &palette, &colors) == PNG_INFO_PLTE)
        for (int i = 0; i < colors; ++i)
            state->image->palette.push_back({palette[i].red, palette[i].green, palette[i].blue});
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    state->image->width = static_cast<int>(width);
    state->image->height = static_cast<int>(height);
    state->image->pixels.assign(std::size_t{width} * height, 0);
    state->rows->resize(height);
    for (png_uint_32 y = 0; y < height; ++y)
        (*state->rows)[y] = state->image->pixels.data() + std::size_t{y} * width;
    png_read_image(png, state->rows->data());
    png_read_end(png, nullptr);
    png_destroy_read_struct(&png, &info, nullptr);
    return true;
}

struct WriteState {
    char message[256] = {};
    std::FILE* file = nullptr;
    const IndexedPng* image = nullptr;
    std::vector<png_color>* palette = nullptr;
    std::vector<png_bytep>* rows = nullptr;
};

bool encode(WriteState* state)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, state, onError, onWarning);
    if (!png)
        return false;
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_write_struct(&png, nullptr);
        return false;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return false;
    }
    png_init_io(png, state->file);
    const bool indexed = !state->palette->empty();
    png_set_IHDR(png, info, static_cast<png_uint_32>(state->image->width), static_cast<png_uint_32>(state->image->height), 8,
                 indexed ? PNG_COLOR_TYPE_PALETTE : PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    if (indexed)
        png_set_PLTE(png, info, state->palette->data(), static_cast<int>(state->palette->size()));
    png_write_info(png, info);
    png_write_image(png, state->rows->data());
    png_write_end(png, nullptr);
    png_destroy_write_struct(&png, &info);
    return true;
}

} // namespace

IndexedPng readIndexedPng(std::string_view bytes, const std::string& file)
{
    static const unsigned char kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (bytes.size() < 8 || std::memcmp(bytes.data(), kSignature, 8) != 0)
        throw FormatError({file, -1, 0, {}}, "not a PNG file (no PNG signature)");
    IndexedPng image;
    std::vector<png_bytep> rows;
    PngState state;
    state.data = reinterpret_cast<const unsigned char*>(bytes.data());
    state.size = bytes.size();
    state.image = &image;
    state.rows = &rows;
    if (decode(&state))
        return image;
    if (state.refused) {
        if (state.bitDepth != 8)
            throw FormatError({file}, "bit depth " + std::to_string(state.bitDepth) +
                                          ": a class mask must be an 8-bit palette or gray PNG");
        if (state.colorType != PNG_COLOR_TYPE_PALETTE && state.colorType != PNG_COLOR_TYPE_GRAY)
            throw FormatError({file}, "color type " + std::to_string(state.colorType) +
                                          ": a class mask must be an 8-bit palette or gray PNG, not RGB or with alpha");
        throw FormatError({file}, "the image is larger than a class mask can be");
    }
    throw FormatError({file, -1, static_cast<std::int64_t>(state.offset), {}},
                      std::string("damaged PNG: ") + state.message);
}

void writeIndexedPng(const std::filesystem::path& file, const IndexedPng& image)
{
    std::vector<png_color> palette;
    for (const auto& color : image.palette)
        palette.push_back({color[0], color[1], color[2]});
    std::vector<png_bytep> rows(static_cast<std::size_t>(image.height));
    for (int y = 0; y < image.height; ++y)
        rows[static_cast<std::size_t>(y)] = const_cast<png_bytep>(image.pixels.data() + std::size_t(y) * std::size_t(image.width));
    std::filesystem::create_directories(file.parent_path());
    WriteState state;
    state.image = &image;
    state.palette = &palette;
    state.rows = &rows;
    state.file = std::fopen(file.string().c_str(), "wb");
    if (!state.file)
        throw Error("Cannot write " + file.string() + ".");
    const bool written = encode(&state);
    const bool closed = std::fclose(state.file) == 0;
    if (!written || !closed)
        throw Error("Cannot write " + file.string() + (state.message[0] ? std::string(": ") + state.message : std::string()) + ".");
}

} // namespace pixmark::formats
