/* Stand-in for libaom (7.7 MB), the AV1 reference encoder/decoder bundled by PyAV up to 15.x.
 *
 * Companion never encodes AV1, and FFmpeg decodes AV1 with dav1d, which it picks before libaom.
 * FFmpeg only asks libaom for its capabilities when it lists codecs (answered: none) and opens it
 * when a program asks for "libaom-av1" by name, which then fails cleanly. Built by packaging/build.py.
 */
#include <stddef.h>

enum { AOM_CODEC_OK = 0, AOM_CODEC_ERROR = 1, AOM_CODEC_INCAPABLE = 4 };
static const char left_out[] = "libaom is not part of Companion's bundle";

const void *aom_codec_av1_cx(void) { return NULL; }
const void *aom_codec_av1_dx(void) { return NULL; }
long aom_codec_get_caps(const void *iface) { (void)iface; return 0; }
int aom_codec_version(void) { return 0; }
const char *aom_codec_version_str(void) { return left_out; }
const char *aom_codec_build_config(void) { return ""; }
const char *aom_codec_err_to_string(int err) { (void)err; return left_out; }
const char *aom_codec_error(const void *ctx) { (void)ctx; return left_out; }
const char *aom_codec_error_detail(const void *ctx) { (void)ctx; return NULL; }
int aom_codec_dec_init_ver(void) { return AOM_CODEC_INCAPABLE; }
int aom_codec_enc_init_ver(void) { return AOM_CODEC_INCAPABLE; }
int aom_codec_enc_config_default(void) { return AOM_CODEC_INCAPABLE; }
int aom_codec_control(void) { return AOM_CODEC_ERROR; }
int aom_codec_set_option(void) { return AOM_CODEC_ERROR; }
int aom_codec_decode(void) { return AOM_CODEC_ERROR; }
int aom_codec_encode(void) { return AOM_CODEC_ERROR; }
int aom_codec_destroy(void) { return AOM_CODEC_OK; }
const void *aom_codec_get_cx_data(void) { return NULL; }
void *aom_codec_get_frame(void) { return NULL; }
void *aom_img_wrap(void) { return NULL; }
int aom_img_add_metadata(void) { return -1; }
void aom_img_remove_metadata(void) {}
