#ifndef COMFY_HARNESS_CSHIMS_H
#define COMFY_HARNESS_CSHIMS_H
/*
 * Typed wrappers for the C calls Swift cannot make itself:
 *  - curl_easy_setopt / curl_easy_getinfo / curl_multi_setopt are variadic;
 *  - libpng's PNG_FORMAT_* and PNG_IMAGE_SIZE are macros that do not import;
 *  - text chunks and fast-zlib encoding need libpng's classic API, whose errors longjmp: the
 *    setjmp stays inside these C functions so a longjmp never crosses a Swift frame.
 */
#include <stddef.h>
#include <stdint.h>
#include <curl/curl.h>
#include <png.h>

/* ---- libcurl ---- */
typedef size_t (*chs_data_cb)(char *ptr, size_t size, size_t nmemb, void *userdata);
typedef int (*chs_xferinfo_cb)(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                               curl_off_t ulnow);

CURLcode chs_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode chs_easy_setopt_ptr(CURL *handle, CURLoption option, const void *value);
CURLcode chs_easy_setopt_off(CURL *handle, CURLoption option, curl_off_t value);
CURLcode chs_easy_setopt_data_cb(CURL *handle, CURLoption option, chs_data_cb callback);
CURLcode chs_easy_setopt_xferinfo_cb(CURL *handle, chs_xferinfo_cb callback);
CURLcode chs_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode chs_easy_getinfo_double(CURL *handle, CURLINFO info, double *value);
CURLcode chs_easy_getinfo_off(CURL *handle, CURLINFO info, curl_off_t *value);
CURLcode chs_easy_getinfo_ptr(CURL *handle, CURLINFO info, void **value);
/* CURLINFO_ACTIVESOCKET: the socket of a CONNECT_ONLY handle, for curl_easy_send/recv and poll. */
CURLcode chs_easy_getinfo_socket(CURL *handle, curl_socket_t *value);
CURLMcode chs_multi_setopt_long(CURLM *multi, CURLMoption option, long value);
/* CURLVERSION_NOW is a macro. */
const curl_version_info_data *chs_curl_version_info(void);

/* ---- libpng ---- */
/* PNG_FORMAT_RGBA / PNG_FORMAT_RGB as plain constants. */
extern const uint32_t chs_png_format_rgba;
extern const uint32_t chs_png_format_rgb;
extern const uint32_t chs_png_image_version;

/* One text chunk (tEXt, zTXt or iTXt), key and text NUL-terminated, owned by the caller's callback. */
typedef void (*chs_png_text_cb)(void *context, const char *key, const char *text, size_t text_length);

/*
 * Reads the text chunks that come before the image data (ComfyUI writes `prompt` and `workflow`
 * there). Returns 0 on success, otherwise -1 with a message in `error` (NUL-terminated).
 */
int chs_png_read_text(const uint8_t *data, size_t size, chs_png_text_cb callback, void *context, char *error,
                      size_t error_capacity);

/* A malloc'ed byte buffer returned by the encoder; release with chs_buffer_free. */
typedef struct {
    uint8_t *bytes;
    size_t length;
    size_t capacity;
} chs_buffer;

void chs_buffer_free(chs_buffer *buffer);

/*
 * Encodes 8-bit pixels (channels 3 = RGB, 4 = RGBA, rows packed) as PNG at the given zlib level
 * (0-9), with `text_count` tEXt chunks written before the image data. Returns 0 on success, else -1
 * with a message in `error`.
 */
int chs_png_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int channels, int zlib_level,
                   const char *const *text_keys, const char *const *text_values, int text_count, chs_buffer *out,
                   char *error, size_t error_capacity);

/*
 * A 128-bit digest of a PNG's pixels, independent of metadata chunks, zlib level and row filters:
 * the unfiltered scanlines (classic API, no transforms) hashed with XXH64 chained per row under two
 * seeds, together with the IHDR fields, PLTE, tRNS and the gamma that change how pixels decode.
 * Returns 0 on success, else -1 with a message in `error`.
 */
int chs_png_pixel_digest(const uint8_t *data, size_t size, uint64_t digest[2], char *error, size_t error_capacity);

/* XXH64 of a buffer (exposed for tests of the digest's hash). */
uint64_t chs_xxh64(const void *data, size_t length, uint64_t seed);

/* zlib's CRC-32 (the PNG chunk checksum) of `length` bytes. */
uint32_t chs_crc32(const uint8_t *data, size_t length);

/* ---- image comparison kernels (plain loops the C compiler vectorises) ---- */

/* Sums for one row of an RGBA pair: |Δ| and Δ² over R, G, B; largest |Δ| of any channel. */
typedef struct {
    uint64_t sum_abs;
    uint64_t sum_squares;
    uint32_t max_abs;
    uint32_t over_threshold;
} chs_row_diff;

/*
 * Compares `pixels` RGBA pixels of two rows. flags[i] = 0 equal, 1 different but within
 * pixelmatch's YIQ threshold `max_delta` (colours blended on white by alpha), 2 over it.
 * block_touched[i / 4] is set to 1 when any byte of pixel i differs (the array is OR-ed into).
 */
void chs_rgba_row_diff(const uint8_t *a, const uint8_t *b, size_t pixels, double max_delta, uint8_t *flags,
                       uint8_t *block_touched, chs_row_diff *out);

/*
 * Luma (BT.601, blended on white by alpha) sums of 4x4 blocks along one block row (4 image rows
 * starting at a and b, `stride` pixels apart): for block k, out[4k..4k+3] = Σa, Σb, Σ(a²+b²), Σab.
 */
void chs_luma_block_row(const uint8_t *a, const uint8_t *b, size_t stride, size_t blocks, int32_t *out);

#endif
