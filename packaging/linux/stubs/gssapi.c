/* Stand-in for MIT Kerberos' GSS-API library (with libkrb5, k5crypto and their helpers: 1.5 MB).
 *
 * Qt Network links it for "Negotiate" (Kerberos) HTTP authentication. Qt Network is in the bundle only
 * because PySide6's Qt Multimedia bindings import it; Companion opens no network connection at all.
 * Every call reports GSS_S_FAILURE, which Qt treats as "Negotiate not available". Exported under the
 * version node Qt asks for (gssapi.map). Built by packaging/build.py (see docs/packaging.md).
 */
#include <stddef.h>

#define GSS_S_FAILURE (13u << 16)

typedef struct { unsigned int length; void *elements; } oid_desc;
static oid_desc hostbased_service = { 0, NULL };
const oid_desc *GSS_C_NT_HOSTBASED_SERVICE = &hostbased_service;

static unsigned int fail(unsigned int *minor) { if (minor) *minor = 0; return GSS_S_FAILURE; }

unsigned int gss_acquire_cred(unsigned int *minor) { return fail(minor); }
unsigned int gss_import_name(unsigned int *minor) { return fail(minor); }
unsigned int gss_init_sec_context(unsigned int *minor) { return fail(minor); }
unsigned int gss_display_status(unsigned int *minor) { return fail(minor); }
unsigned int gss_delete_sec_context(unsigned int *minor) { return fail(minor); }
unsigned int gss_release_buffer(unsigned int *minor) { if (minor) *minor = 0; return 0; }
unsigned int gss_release_cred(unsigned int *minor) { if (minor) *minor = 0; return 0; }
unsigned int gss_release_name(unsigned int *minor) { if (minor) *minor = 0; return 0; }
