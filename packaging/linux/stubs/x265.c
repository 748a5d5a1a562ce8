/* Stand-in for PyAV's bundled libx265 (20 MB), an H.265 *encoder*.
 *
 * Companion decodes HEVC with FFmpeg's own decoder and never encodes H.265, but PyAV's libavcodec
 * is linked against libx265, so a library with its soname has to be there. The only symbol
 * libavcodec takes from it is x265_api_get_216(); returning NULL makes FFmpeg's libx265 encoder
 * fail to open with "bitdepth not supported" (ENOSYS) instead of encoding. Built by
 * packaging/build.py (see docs/packaging.md).
 */
const void *x265_api_get_216(int bit_depth) {
    (void)bit_depth;
    return 0;
}
/* PyAV up to 15.x links x265 3.x (API 215). */
const void *x265_api_get_215(int bit_depth) {
    (void)bit_depth;
    return 0;
}
