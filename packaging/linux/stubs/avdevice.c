/* Stand-in for PyAV's libavdevice (plus the XCB libraries and ALSA it links: 1.7 MB).
 *
 * libavdevice adds capture and playback *devices* (X11 screen grabbing, ALSA, ...) as FFmpeg formats.
 * Companion only opens files, so PyAV's device listing (av.device) and those formats are never used:
 * registering devices does nothing and listing them fails with ENOSYS. Exported under the version node
 * PyAV asks for (avdevice.map). Built by packaging/build.py.
 */
#define ENOSYS_ERROR (-38) /* AVERROR(ENOSYS) */

unsigned avdevice_version(void) { return (62u << 16) | (3u << 8) | 102u; }
const char *avdevice_configuration(void) { return "Companion bundle: devices left out"; }
const char *avdevice_license(void) { return "LGPL version 3 or later"; }
void avdevice_register_all(void) {}
int avdevice_list_input_sources(const void *f, const char *n, void *o, void **l) {
    (void)f; (void)n; (void)o;
    if (l) *l = 0;
    return ENOSYS_ERROR;
}
int avdevice_list_output_sinks(const void *f, const char *n, void *o, void **l) {
    (void)f; (void)n; (void)o;
    if (l) *l = 0;
    return ENOSYS_ERROR;
}
void avdevice_free_list_devices(void **l) { if (l) *l = 0; }
