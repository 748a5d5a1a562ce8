/* Stand-in for PyAV's bundled libwebp and libwebpmux (0.8 MB with libsharpyuv): the WebP *encoders*.
 *
 * FFmpeg decodes WebP with its own decoder; libavcodec takes only encoding functions from libwebp
 * (the "libwebp" and "libwebp_anim" encoders). Companion encodes covers and thumbnails as JPEG, never
 * WebP. Every function reports failure, so opening those encoders fails cleanly. One source for both
 * libraries. Built by packaging/build.py (see docs/packaging.md).
 */
#include <stddef.h>

int WebPConfigInitInternal(void) { return 0; }
int WebPPictureInitInternal(void) { return 0; }
int WebPValidateConfig(void) { return 0; }
int WebPEncode(void) { return 0; }
void WebPPictureFree(void) {}
void WebPCleanupTransparentArea(void) {}
void WebPMemoryWriterInit(void) {}
void WebPMemoryWriterClear(void) {}
int WebPMemoryWrite(void) { return 0; }
void WebPFree(void) {}
int WebPAnimEncoderOptionsInitInternal(void) { return 0; }
void *WebPAnimEncoderNewInternal(void) { return NULL; }
int WebPAnimEncoderAdd(void) { return 0; }
int WebPAnimEncoderAssemble(void) { return 0; }
void WebPAnimEncoderDelete(void) {}
