/* Stand-in for libsndfile (with the FLAC, Vorbis, Opus, MPEG and LAME libraries it links: 2.9 MB).
 *
 * PulseAudio's client library (libpulsecommon) links it for its sound-file helpers, which only
 * PulseAudio's own tools (paplay, pacat) call, with a file they opened themselves: the stand-in has no
 * sf_open, and nothing in the bundle has an SNDFILE to pass. Qt plays through PulseAudio streams.
 * Every function reports failure. Exported under the version node PulseAudio asks for (sndfile.map).
 * Built by packaging/build.py (see docs/packaging.md).
 */
#include <stddef.h>

int sf_command(void *f, int c, void *d, int s) { (void)f; (void)c; (void)d; (void)s; return 0; }
const char *sf_error_number(int e) { (void)e; return "libsndfile is not part of Companion's bundle"; }
const char *sf_get_string(void *f, int t) { (void)f; (void)t; return NULL; }
long long sf_readf_float(void) { return 0; }
long long sf_readf_int(void) { return 0; }
long long sf_readf_short(void) { return 0; }
long long sf_writef_float(void) { return 0; }
long long sf_writef_int(void) { return 0; }
long long sf_writef_short(void) { return 0; }
