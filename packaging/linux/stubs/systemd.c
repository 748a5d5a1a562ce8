/* Stand-in for libsystemd (with libgcrypt, libgpg-error, LZ4 and libcap it links: 2.6 MB).
 *
 * libdbus and PulseAudio's client library take three functions from it: socket activation
 * (sd_listen_fds, sd_is_socket), which only a service started by systemd uses, and journal logging
 * (sd_journal_send), which PulseAudio uses only when told to log to the journal. A desktop app is never
 * socket-activated: no sockets were passed (0), a descriptor is not a passed socket (0), and the journal
 * answers "not available" (-ENOSYS), after which PulseAudio logs to stderr. Exported under the version
 * node they ask for (systemd.map). Built by packaging/build.py (see docs/packaging.md).
 */
#define ENOSYS 38

int sd_listen_fds(int unset_environment) { (void)unset_environment; return 0; }
int sd_is_socket(int fd, int family, int type, int listening) {
    (void)fd; (void)family; (void)type; (void)listening;
    return 0;
}
int sd_journal_send(const char *format, ...) { (void)format; return -ENOSYS; }
