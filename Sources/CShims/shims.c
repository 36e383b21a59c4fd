#include "CShims.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int chs_png_read_text(const uint8_t *data, size_t size, chs_png_text_cb callback, void *context, char *error,
                      size_t error_capacity) {
    chs_png_error_state state;
    state.error = error;
    state.error_capacity = error_capacity;
    if (error && error_capacity) error[0] = 0;
    if (size < 8 || png_sig_cmp(data, 0, 8) != 0) {
        if (error && error_capacity) snprintf(error, error_capacity, "not a PNG file (bad signature)");
        return -1;
    }
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &state, chs_png_error, chs_png_warning);
    if (!png) return -1;
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_read_struct(&png, NULL, NULL);
        return -1;
    }
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
