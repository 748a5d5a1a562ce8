/* Stand-in for PyAV's bundled GnuTLS (2.4 MB, plus nettle, hogweed, GMP and libunistring: 5.6 MB).
 *
 * PyAV's libavformat links GnuTLS only for its tls:// and https:// protocols. Companion never gives
 * FFmpeg a network address (it reads local files; it has no network features at all), so these
 * functions are never reached; if one ever were, opening the connection fails with
 * GNUTLS_E_UNIMPLEMENTED_FEATURE instead of going online. Exported under the version node libavformat
 * asks for (gnutls.map). Built by packaging/build.py (see docs/packaging.md).
 */
#define UNAVAILABLE (-1250) /* GNUTLS_E_UNIMPLEMENTED_FEATURE */
#define FAIL(name) int name(void) { return UNAVAILABLE; }
#define NOTHING(name) void name(void) {}

int gnutls_global_init(void) { return 0; }
NOTHING(gnutls_global_deinit)
const char *gnutls_strerror(int error) { (void)error; return "TLS is not available in this build"; }
int gnutls_error_is_fatal(int error) { (void)error; return 1; }
const void *gnutls_certificate_get_peers(void *session, unsigned int *size) {
    (void)session;
    if (size)
        *size = 0;
    return 0;
}

FAIL(gnutls_init)
FAIL(gnutls_handshake)
FAIL(gnutls_bye)
FAIL(gnutls_record_recv)
FAIL(gnutls_record_send)
FAIL(gnutls_credentials_set)
FAIL(gnutls_server_name_set)
FAIL(gnutls_set_default_priority)
FAIL(gnutls_certificate_allocate_credentials)
FAIL(gnutls_certificate_set_x509_key)
FAIL(gnutls_certificate_set_x509_key_file)
FAIL(gnutls_certificate_set_x509_key_mem)
FAIL(gnutls_certificate_set_x509_system_trust)
FAIL(gnutls_certificate_set_x509_trust_file)
FAIL(gnutls_certificate_type_get)
FAIL(gnutls_certificate_verify_peers2)
FAIL(gnutls_srtp_get_keys)
FAIL(gnutls_srtp_set_profile)
FAIL(gnutls_x509_crt_export)
FAIL(gnutls_x509_crt_get_fingerprint)
FAIL(gnutls_x509_crt_import)
FAIL(gnutls_x509_crt_init)
FAIL(gnutls_x509_crt_set_activation_time)
FAIL(gnutls_x509_crt_set_dn)
FAIL(gnutls_x509_crt_set_expiration_time)
FAIL(gnutls_x509_crt_set_issuer_dn)
FAIL(gnutls_x509_crt_set_key)
FAIL(gnutls_x509_crt_set_serial)
FAIL(gnutls_x509_crt_set_version)
FAIL(gnutls_x509_crt_sign2)
FAIL(gnutls_x509_privkey_export)
FAIL(gnutls_x509_privkey_generate)
FAIL(gnutls_x509_privkey_import)
FAIL(gnutls_x509_privkey_init)
int gnutls_dtls_get_data_mtu(void) { return 0; }
int gnutls_sec_param_to_pk_bits(void) { return 0; }
int gnutls_x509_crt_check_hostname(void) { return 0; }

NOTHING(gnutls_deinit)
NOTHING(gnutls_certificate_free_credentials)
NOTHING(gnutls_certificate_set_verify_flags)
NOTHING(gnutls_dtls_set_mtu)
NOTHING(gnutls_transport_set_ptr)
NOTHING(gnutls_transport_set_pull_function)
NOTHING(gnutls_transport_set_pull_timeout_function)
NOTHING(gnutls_transport_set_push_function)
NOTHING(gnutls_x509_crt_deinit)
NOTHING(gnutls_x509_privkey_deinit)
