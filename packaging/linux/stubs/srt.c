/* Stand-in for libsrt (1.1 MB, plus the OpenSSL 1.1 it links: 3.9 MB), bundled by PyAV up to 15.x.
 *
 * libavformat links it only for the srt:// network protocol; Companion reads local files and never
 * gives FFmpeg a network address. Every call fails (SRT_ERROR), so such a URL fails to open instead
 * of going online. Built by packaging/build.py.
 */
#define SRT_ERROR (-1)
#define FAIL(name) int name(void) { return SRT_ERROR; }

FAIL(srt_startup)
FAIL(srt_cleanup)
FAIL(srt_create_socket)
FAIL(srt_bind)
FAIL(srt_listen)
FAIL(srt_accept)
FAIL(srt_connect)
FAIL(srt_close)
FAIL(srt_getsockopt)
FAIL(srt_setsockopt)
FAIL(srt_recvmsg)
FAIL(srt_sendmsg)
FAIL(srt_epoll_create)
FAIL(srt_epoll_add_usock)
FAIL(srt_epoll_wait)
FAIL(srt_epoll_release)
int srt_getlasterror(int *errno_loc) { if (errno_loc) *errno_loc = 0; return 1000; /* SRT_ENOSERVER-like: unavailable */ }
const char *srt_getlasterror_str(void) { return "SRT is not part of Companion's bundle"; }
