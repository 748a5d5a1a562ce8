/* Stand-in for PyAV's bundled libvpx (2.3 MB): Google's VP8/VP9 encoder and second VP8/VP9 decoder.
 *
 * Companion never encodes VP8/VP9, and FFmpeg decodes VP8/VP9 with its own decoders, which it picks
 * before libvpx's. FFmpeg only asks libvpx for its capabilities when it lists codecs (answered: none)
 * and opens it when a program asks for "libvpx-vp8"/"libvpx-vp9" by name, which then fails cleanly.
 * Built by packaging/build.py (see docs/packaging.md).
 */
#include <stddef.h>

enum { VPX_CODEC_OK = 0, VPX_CODEC_ERROR = 1, VPX_CODEC_INCAPABLE = 4 };
static const char left_out[] = "libvpx is not part of Companion's bundle";

const void *vpx_codec_vp8_cx(void) { return NULL; }
const void *vpx_codec_vp8_dx(void) { return NULL; }
const void *vpx_codec_vp9_cx(void) { return NULL; }
const void *vpx_codec_vp9_dx(void) { return NULL; }
long vpx_codec_get_caps(const void *iface) { (void)iface; return 0; }
int vpx_codec_version(void) { return 0; }
const char *vpx_codec_version_str(void) { return left_out; }
const char *vpx_codec_build_config(void) { return ""; }
const char *vpx_codec_err_to_string(int err) { (void)err; return left_out; }
const char *vpx_codec_error(const void *ctx) { (void)ctx; return left_out; }
const char *vpx_codec_error_detail(const void *ctx) { (void)ctx; return NULL; }
int vpx_codec_dec_init_ver(void) { return VPX_CODEC_INCAPABLE; }
int vpx_codec_enc_init_ver(void) { return VPX_CODEC_INCAPABLE; }
int vpx_codec_enc_config_default(void) { return VPX_CODEC_INCAPABLE; }
int vpx_codec_enc_config_set(void) { return VPX_CODEC_INCAPABLE; }
int vpx_codec_control_(void) { return VPX_CODEC_ERROR; }
int vpx_codec_decode(void) { return VPX_CODEC_ERROR; }
int vpx_codec_encode(void) { return VPX_CODEC_ERROR; }
int vpx_codec_set_frame_buffer_functions(void) { return VPX_CODEC_ERROR; }
int vpx_codec_destroy(void) { return VPX_CODEC_OK; }
const void *vpx_codec_get_cx_data(void) { return NULL; }
void *vpx_codec_get_frame(void) { return NULL; }
void *vpx_img_wrap(void) { return NULL; }
