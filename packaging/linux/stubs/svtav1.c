/* Stand-in for PyAV's bundled libSvtAv1Enc (7 MB), an AV1 *encoder*.
 *
 * Companion decodes AV1 with dav1d and never encodes AV1, but PyAV's libavcodec is linked against
 * SVT-AV1, so a library with its soname has to be there. These are the symbols libavcodec takes from
 * it: opening the encoder fails with EB_ErrorInsufficientResources and leaves the handle NULL, so
 * FFmpeg reports an error and never calls the others (they fail too). Built by packaging/build.py.
 */
#include <stddef.h>

#define EB_ERROR ((int)0x80001000) /* EB_ErrorInsufficientResources */

int svt_av1_enc_init_handle(void **handle, void *app_data, void *config) {
    (void)app_data;
    (void)config;
    if (handle != NULL)
        *handle = NULL;
    return EB_ERROR;
}
int svt_av1_enc_set_parameter(void *h, void *c) { (void)h; (void)c; return EB_ERROR; }
int svt_av1_enc_parse_parameter(void *c, const char *n, const char *v) { (void)c; (void)n; (void)v; return EB_ERROR; }
int svt_av1_enc_init(void *h) { (void)h; return EB_ERROR; }
int svt_av1_enc_stream_header(void *h, void **p) { (void)h; if (p) *p = NULL; return EB_ERROR; }
int svt_av1_enc_stream_header_release(void *p) { (void)p; return EB_ERROR; }
int svt_av1_enc_send_picture(void *h, void *p) { (void)h; (void)p; return EB_ERROR; }
int svt_av1_enc_get_packet(void *h, void **p, unsigned char d) { (void)h; (void)d; if (p) *p = NULL; return EB_ERROR; }
void svt_av1_enc_release_out_buffer(void **p) { if (p) *p = NULL; }
int svt_av1_enc_get_stream_info(void *h, unsigned int t, void *i) { (void)h; (void)t; (void)i; return EB_ERROR; }
int svt_av1_enc_deinit(void *h) { (void)h; return EB_ERROR; }
int svt_av1_enc_deinit_handle(void *h) { (void)h; return EB_ERROR; }
int svt_add_metadata(void *b, unsigned int t, const unsigned char *d, size_t s) { (void)b; (void)t; (void)d; (void)s; return -1; }
void svt_metadata_array_free(void *a) { (void)a; }
