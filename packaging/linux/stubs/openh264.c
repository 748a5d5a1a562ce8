/* Stand-in for Cisco's OpenH264 (1.2 MB), bundled by PyAV up to 15.x as a second H.264 encoder/decoder.
 *
 * FFmpeg decodes H.264 with its own decoder (picked before OpenH264) and Companion's demo encodes
 * H.264 with x264, which stays. Creating an OpenH264 encoder or decoder fails cleanly. Built by
 * packaging/build.py.
 */
#include <stddef.h>

int WelsCreateSVCEncoder(void **encoder) { if (encoder) *encoder = NULL; return 1; }
void WelsDestroySVCEncoder(void *encoder) { (void)encoder; }
long WelsCreateDecoder(void **decoder) { if (decoder) *decoder = NULL; return 1; }
void WelsDestroyDecoder(void *decoder) { (void)decoder; }
