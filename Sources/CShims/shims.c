#include "CShims.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* ---- libcurl ---- */

CURLcode chs_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
CURLcode chs_easy_setopt_ptr(CURL *handle, CURLoption option, const void *value) {
    return curl_easy_setopt(handle, option, value);
}
CURLcode chs_easy_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}
CURLcode chs_easy_setopt_data_cb(CURL *handle, CURLoption option, chs_data_cb callback) {
    return curl_easy_setopt(handle, option, callback);
}
CURLcode chs_easy_setopt_xferinfo_cb(CURL *handle, chs_xferinfo_cb callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}
CURLcode chs_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
CURLcode chs_easy_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}
CURLcode chs_easy_getinfo_off(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}
CURLcode chs_easy_getinfo_ptr(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, value);
}
CURLcode chs_easy_getinfo_socket(CURL *handle, curl_socket_t *value) {
    return curl_easy_getinfo(handle, CURLINFO_ACTIVESOCKET, value);
}
CURLMcode chs_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}
const curl_version_info_data *chs_curl_version_info(void) { return curl_version_info(CURLVERSION_NOW); }

/* ---- libpng ---- */

const uint32_t chs_png_format_rgba = PNG_FORMAT_RGBA;
const uint32_t chs_png_format_rgb = PNG_FORMAT_RGB;
const uint32_t chs_png_image_version = PNG_IMAGE_VERSION;

/* Error state shared by the classic-API readers and writers below. */
typedef struct {
    jmp_buf jump;
    char *error;
    size_t error_capacity;
} chs_png_error_state;

static void chs_png_error(png_structp png, png_const_charp message) {
    chs_png_error_state *state = (chs_png_error_state *)png_get_error_ptr(png);
    if (state->error && state->error_capacity > 0) {
        snprintf(state->error, state->error_capacity, "%s", message);
    }
    longjmp(state->jump, 1);
}

static void chs_png_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message; /* warnings (e.g. a bad CRC in an ancillary chunk) are not errors for us */
}

typedef struct {
    const uint8_t *data;
    size_t size;
    size_t offset;
} chs_png_memory_reader;

static void chs_png_read_memory(png_structp png, png_bytep out, png_size_t count) {
    chs_png_memory_reader *reader = (chs_png_memory_reader *)png_get_io_ptr(png);
    if (reader->size - reader->offset < count) {
        png_error(png, "unexpected end of PNG data");
    }
    memcpy(out, reader->data + reader->offset, count);
    reader->offset += count;
}

/*
 * The shared start of a classic-API read from memory: checks the signature and creates the read
 * structures with our error handlers. The caller must call setjmp itself (a longjmp may only return
 * into a frame that is still live).
 */
static int chs_png_open_reader(const uint8_t *data, size_t size, chs_png_error_state *state, char *error,
                               size_t error_capacity, png_structp *png, png_infop *info) {
    state->error = error;
    state->error_capacity = error_capacity;
    if (error && error_capacity) error[0] = 0;
    if (size < 8 || png_sig_cmp(data, 0, 8) != 0) {
        if (error && error_capacity) snprintf(error, error_capacity, "not a PNG file (bad signature)");
        return -1;
    }
    *png = png_create_read_struct(PNG_LIBPNG_VER_STRING, state, chs_png_error, chs_png_warning);
    if (!*png) return -1;
    *info = png_create_info_struct(*png);
    if (!*info) {
        png_destroy_read_struct(png, NULL, NULL);
        return -1;
    }
    return 0;
}

int chs_png_read_text(const uint8_t *data, size_t size, chs_png_text_cb callback, void *context, char *error,
                      size_t error_capacity) {
    chs_png_error_state state;
    png_structp png = NULL;
    png_infop info = NULL;
    if (chs_png_open_reader(data, size, &state, error, error_capacity, &png, &info) != 0) return -1;
    chs_png_memory_reader reader = {data, size, 0};
    if (setjmp(state.jump)) {
        png_destroy_read_struct(&png, &info, NULL);
        return -1;
    }
    png_set_read_fn(png, &reader, chs_png_read_memory);
    /* Text chunks can be large (a whole workflow); do not let libpng's default limits truncate them. */
    png_set_chunk_malloc_max(png, 64 * 1024 * 1024);
    png_read_info(png, info);
    png_textp texts = NULL;
    int count = 0;
    png_get_text(png, info, &texts, &count);
    for (int i = 0; i < count; i++) {
        const char *text = texts[i].text ? texts[i].text : "";
        size_t length = texts[i].compression == PNG_ITXT_COMPRESSION_NONE ||
                                texts[i].compression == PNG_ITXT_COMPRESSION_zTXt
                            ? texts[i].itxt_length
                            : texts[i].text_length;
        if (length == 0) length = strlen(text);
        callback(context, texts[i].key, text, length);
    }
    png_destroy_read_struct(&png, &info, NULL);
    return 0;
}

void chs_buffer_free(chs_buffer *buffer) {
    if (buffer && buffer->bytes) {
        free(buffer->bytes);
        buffer->bytes = NULL;
        buffer->length = 0;
        buffer->capacity = 0;
    }
}

static void chs_png_write_memory(png_structp png, png_bytep data, png_size_t length) {
    chs_buffer *buffer = (chs_buffer *)png_get_io_ptr(png);
    if (buffer->length + length > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 65536;
        while (capacity < buffer->length + length) capacity *= 2;
        uint8_t *grown = (uint8_t *)realloc(buffer->bytes, capacity);
        if (!grown) png_error(png, "out of memory while encoding PNG");
        buffer->bytes = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->bytes + buffer->length, data, length);
    buffer->length += length;
}

static void chs_png_flush_memory(png_structp png) { (void)png; }

int chs_png_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int channels, int zlib_level,
                   const char *const *text_keys, const char *const *text_values, int text_count, chs_buffer *out,
                   char *error, size_t error_capacity) {
    chs_png_error_state state;
    state.error = error;
    state.error_capacity = error_capacity;
    if (error && error_capacity) error[0] = 0;
    out->bytes = NULL;
    out->length = 0;
    out->capacity = 0;
    if (channels != 3 && channels != 4) {
        if (error && error_capacity) snprintf(error, error_capacity, "channels must be 3 or 4, not %d", channels);
        return -1;
    }
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &state, chs_png_error, chs_png_warning);
    if (!png) return -1;
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        return -1;
    }
    png_textp texts = NULL;
    if (setjmp(state.jump)) {
        free(texts);
        png_destroy_write_struct(&png, &info);
        chs_buffer_free(out);
        return -1;
    }
    png_set_write_fn(png, out, chs_png_write_memory, chs_png_flush_memory);
    png_set_compression_level(png, zlib_level);
    png_set_IHDR(png, info, width, height, 8, channels == 4 ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (text_count > 0) {
        texts = (png_textp)calloc((size_t)text_count, sizeof(png_text));
        if (!texts) png_error(png, "out of memory");
        for (int i = 0; i < text_count; i++) {
            texts[i].compression = PNG_TEXT_COMPRESSION_NONE;
            texts[i].key = (png_charp)text_keys[i];
            texts[i].text = (png_charp)text_values[i];
            texts[i].text_length = strlen(text_values[i]);
        }
        png_set_text(png, info, texts, text_count);
    }
    png_write_info(png, info);
    size_t stride = (size_t)width * (size_t)channels;
    for (uint32_t y = 0; y < height; y++) {
        png_write_row(png, (png_const_bytep)(pixels + (size_t)y * stride));
    }
    png_write_end(png, info);
    free(texts);
    png_destroy_write_struct(&png, &info);
    return 0;
}

/* ---- pixel digest ---- */

uint32_t chs_crc32(const uint8_t *data, size_t length) {
    uLong crc = crc32(0L, Z_NULL, 0);
    /* zlib takes uInt lengths: feed a chunk longer than 4 GiB in pieces (PNG caps chunks at 2^31-1). */
    while (length > 0) {
        uInt piece = length > 0x40000000u ? 0x40000000u : (uInt)length;
        crc = crc32(crc, data, piece);
        data += piece;
        length -= piece;
    }
    return (uint32_t)crc;
}

static const uint64_t chs_p1 = 0x9E3779B185EBCA87ULL, chs_p2 = 0xC2B2AE3D27D4EB4FULL,
                      chs_p3 = 0x165667B19E3779F9ULL, chs_p4 = 0x85EBCA77C2B2AE63ULL,
                      chs_p5 = 0x27D4EB2F165667C5ULL;

static inline uint64_t chs_rotl64(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
static inline uint64_t chs_read64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static inline uint32_t chs_read32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static inline uint64_t chs_xxh_round(uint64_t acc, uint64_t input) {
    acc += input * chs_p2;
    acc = chs_rotl64(acc, 31);
    return acc * chs_p1;
}
static inline uint64_t chs_xxh_merge(uint64_t acc, uint64_t val) {
    acc ^= chs_xxh_round(0, val);
    return acc * chs_p1 + chs_p4;
}

/* XXH64 (little-endian reads: the digest is defined on x86-64/arm64, both little-endian). */
uint64_t chs_xxh64(const void *data, size_t length, uint64_t seed) {
    const uint8_t *p = (const uint8_t *)data;
    const uint8_t *end = p + length;
    uint64_t h;
    if (length >= 32) {
        uint64_t v1 = seed + chs_p1 + chs_p2, v2 = seed + chs_p2, v3 = seed, v4 = seed - chs_p1;
        const uint8_t *limit = end - 32;
        do {
            v1 = chs_xxh_round(v1, chs_read64(p));
            v2 = chs_xxh_round(v2, chs_read64(p + 8));
            v3 = chs_xxh_round(v3, chs_read64(p + 16));
            v4 = chs_xxh_round(v4, chs_read64(p + 24));
            p += 32;
        } while (p <= limit);
        h = chs_rotl64(v1, 1) + chs_rotl64(v2, 7) + chs_rotl64(v3, 12) + chs_rotl64(v4, 18);
        h = chs_xxh_merge(h, v1);
        h = chs_xxh_merge(h, v2);
        h = chs_xxh_merge(h, v3);
        h = chs_xxh_merge(h, v4);
    } else {
        h = seed + chs_p5;
    }
    h += (uint64_t)length;
    while (p + 8 <= end) {
        h ^= chs_xxh_round(0, chs_read64(p));
        h = chs_rotl64(h, 27) * chs_p1 + chs_p4;
        p += 8;
    }
    if (p + 4 <= end) {
        h ^= (uint64_t)chs_read32(p) * chs_p1;
        h = chs_rotl64(h, 23) * chs_p2 + chs_p3;
        p += 4;
    }
    while (p < end) {
        h ^= (*p) * chs_p5;
        h = chs_rotl64(h, 11) * chs_p1;
        p++;
    }
    h ^= h >> 33;
    h *= chs_p2;
    h ^= h >> 29;
    h *= chs_p3;
    h ^= h >> 32;
    return h;
}

static void chs_digest_update(uint64_t digest[2], const void *data, size_t length) {
    digest[0] = chs_xxh64(data, length, digest[0]);
    digest[1] = chs_xxh64(data, length, digest[1] ^ 0x5BD1E9955BD1E995ULL);
}

int chs_png_pixel_digest(const uint8_t *data, size_t size, uint64_t digest[2], char *error, size_t error_capacity) {
    chs_png_error_state state;
    png_structp png = NULL;
    png_infop info = NULL;
    if (chs_png_open_reader(data, size, &state, error, error_capacity, &png, &info) != 0) return -1;
    chs_png_memory_reader reader = {data, size, 0};
    png_bytep volatile row = NULL;
    if (setjmp(state.jump)) {
        free(row);
        png_destroy_read_struct(&png, &info, NULL);
        return -1;
    }
    png_set_read_fn(png, &reader, chs_png_read_memory);
    png_read_info(png, info);
    png_uint_32 width = 0, height = 0;
    int depth = 0, color = 0, interlace = 0;
    png_get_IHDR(png, info, &width, &height, &depth, &color, &interlace, NULL, NULL);
    digest[0] = 0;
    digest[1] = 0;
    uint32_t header[5] = {width, height, (uint32_t)depth, (uint32_t)color, (uint32_t)interlace};
    chs_digest_update(digest, header, sizeof header);
    /* What else changes the decoded RGBA: the palette, transparency and the gamma conversion. */
    png_colorp palette = NULL;
    int palette_count = 0;
    if (png_get_PLTE(png, info, &palette, &palette_count) && palette)
        chs_digest_update(digest, palette, (size_t)palette_count * sizeof(png_color));
    png_bytep trans_alpha = NULL;
    int trans_count = 0;
    png_color_16p trans_color = NULL;
    if (png_get_tRNS(png, info, &trans_alpha, &trans_count, &trans_color)) {
        if (trans_alpha && trans_count > 0) chs_digest_update(digest, trans_alpha, (size_t)trans_count);
        if (trans_color) {
            uint16_t key[3] = {trans_color->red, trans_color->green, trans_color->blue};
            uint16_t gray = trans_color->gray;
            chs_digest_update(digest, color == PNG_COLOR_TYPE_GRAY ? (void *)&gray : (void *)key,
                              color == PNG_COLOR_TYPE_GRAY ? sizeof gray : sizeof key);
        }
    }
    png_fixed_point gamma = 0;
    int intent = 0;
    if (png_get_sRGB(png, info, &intent)) gamma = -1;
    else if (!png_get_gAMA_fixed(png, info, &gamma)) gamma = 0;
    chs_digest_update(digest, &gamma, sizeof gamma);
    int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    size_t rowbytes = png_get_rowbytes(png, info);
    row = (png_bytep)calloc(1, rowbytes ? rowbytes : 1);
    if (!row) png_error(png, "out of memory");
    for (int pass = 0; pass < passes; pass++) {
        for (png_uint_32 y = 0; y < height; y++) {
            png_read_row(png, row, NULL);
            chs_digest_update(digest, row, rowbytes);
        }
    }
    /* No png_read_end: the decoder (libpng's simplified reader) stops after the last row too, and
       what follows (lengths, CRCs, chunk types, IEND) is checked in Swift before either runs
       (PNGChunkLayout), so both refuse the same files. */
    free(row);
    png_destroy_read_struct(&png, &info, NULL);
    return 0;
}

