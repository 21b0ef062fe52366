// The libcurl functions FoundationNetworking calls, defined here so the herd binary does not need libcurl at start.
//
// Linking libcurl made every herd process load libcurl's 28 libraries (gnutls, krb5, ldap, ssh2, ...) and run their
// relocations: about 10 ms of each start and 6 MB of memory, for HTTP that only `herd chat` uses. Each function here
// opens libcurl.so.4 on its first call (once per process), looks the real function up in it and calls it; the
// linker script link/libcurl.so (`AS_NEEDED`) then keeps libcurl out of the binary's needed libraries. See
// docs/DECISIONS.md.
#define CURL_DISABLE_TYPECHECK 1
#include "lazycurl.h"
#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static void *curl_library;
static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void curl_open(void) {
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *why = dlerror();
        fprintf(stderr, "herd: HTTP needs libcurl (libcurl.so.4, Debian package libcurl4): %s\n", why ? why : "not found");
        exit(2);
    }
    __atomic_store_n(&curl_library, library, __ATOMIC_RELEASE);
}

int herd_curl_loaded(void) { return __atomic_load_n(&curl_library, __ATOMIC_ACQUIRE) != NULL; }

/// The real `name` from libcurl, which is opened on the first call; a libcurl without it ends herd with one line.
static void *curl_symbol(const char *name) {
    pthread_once(&curl_once, curl_open);
    void *symbol = dlsym(curl_library, name);
    if (symbol == NULL) {
        fprintf(stderr, "herd: libcurl.so.4 has no %s\n", name);
        exit(2);
    }
    return symbol;
}

/// The real function behind a stand-in, looked up once and kept.
#define REAL(name, type)                                                                 \
    static type real_##name;                                                             \
    type name##_fn = __atomic_load_n(&real_##name, __ATOMIC_ACQUIRE);                    \
    if (name##_fn == NULL) {                                                             \
        name##_fn = (type)curl_symbol(#name);                                            \
        __atomic_store_n(&real_##name, name##_fn, __ATOMIC_RELEASE);                     \
    }

/// A stand-in that returns the real function's result.
#define FORWARD(result, name, params, args)                                              \
    result name params {                                                                 \
        typedef result(*name##_type) params;                                             \
        REAL(name, name##_type)                                                          \
        return name##_fn args;                                                           \
    }

/// A stand-in for a function without a result.
#define FORWARD_VOID(name, params, args)                                                 \
    void name params {                                                                   \
        typedef void(*name##_type) params;                                               \
        REAL(name, name##_type)                                                          \
        name##_fn args;                                                                  \
    }

FORWARD(CURLcode, curl_global_init, (long flags), (flags))
FORWARD(char *, curl_version, (void), ())
FORWARD(curl_version_info_data *, curl_version_info, (CURLversion age), (age))
FORWARD_VOID(curl_free, (void *p), (p))
FORWARD(struct curl_slist *, curl_slist_append, (struct curl_slist *list, const char *data), (list, data))
FORWARD_VOID(curl_slist_free_all, (struct curl_slist *list), (list))

FORWARD(CURL *, curl_easy_init, (void), ())
FORWARD_VOID(curl_easy_cleanup, (CURL *curl), (curl))
FORWARD(CURLcode, curl_easy_pause, (CURL *curl, int bitmask), (curl, bitmask))
FORWARD(const char *, curl_easy_strerror, (CURLcode code), (code))

FORWARD(CURLM *, curl_multi_init, (void), ())
FORWARD(CURLMcode, curl_multi_cleanup, (CURLM *multi), (multi))
FORWARD(CURLMcode, curl_multi_add_handle, (CURLM *multi, CURL *curl), (multi, curl))
FORWARD(CURLMcode, curl_multi_remove_handle, (CURLM *multi, CURL *curl), (multi, curl))
FORWARD(CURLMcode, curl_multi_assign, (CURLM *multi, curl_socket_t fd, void *data), (multi, fd, data))
FORWARD(CURLMsg *, curl_multi_info_read, (CURLM *multi, int *queued), (multi, queued))
FORWARD(CURLMcode, curl_multi_socket_action, (CURLM *multi, curl_socket_t fd, int events, int *running),
        (multi, fd, events, running))

FORWARD(CURLU *, curl_url, (void), ())
FORWARD(CURLUcode, curl_url_get, (CURLU *url, CURLUPart what, char **part, unsigned int flags), (url, what, part, flags))
FORWARD(CURLUcode, curl_url_set, (CURLU *url, CURLUPart what, const char *part, unsigned int flags),
        (url, what, part, flags))

/// The one argument after an option, passed on with the type libcurl reads for the option's range (long, object
/// pointer, function pointer, curl_off_t, blob pointer), as curl's own option parser does.
typedef void (*curl_any_function)(void);
#define FORWARD_OPTION(call, option, ap)                                                 \
    ((option) < CURLOPTTYPE_OBJECTPOINT     ? call(va_arg(ap, long))                     \
     : (option) < CURLOPTTYPE_FUNCTIONPOINT ? call(va_arg(ap, void *))                   \
     : (option) < CURLOPTTYPE_OFF_T         ? call(va_arg(ap, curl_any_function))        \
     : (option) < CURLOPTTYPE_BLOB          ? call(va_arg(ap, curl_off_t))               \
                                            : call(va_arg(ap, void *)))

/// A stand-in for a `setopt`: the option's one argument is read with its type and passed on.
#define FORWARD_SETOPT(result, name, handle_type, option_type)                           \
    result name(handle_type *handle, option_type option, ...) {                          \
        typedef result (*name##_type)(handle_type *, option_type, ...);                  \
        REAL(name, name##_type)                                                          \
        va_list ap;                                                                      \
        va_start(ap, option);                                                            \
        result value = FORWARD_OPTION(name##_call, option, ap);                          \
        va_end(ap);                                                                      \
        return value;                                                                    \
    }

#define curl_easy_setopt_call(value) curl_easy_setopt_fn(handle, option, value)
FORWARD_SETOPT(CURLcode, curl_easy_setopt, CURL, CURLoption)
#define curl_multi_setopt_call(value) curl_multi_setopt_fn(handle, option, value)
FORWARD_SETOPT(CURLMcode, curl_multi_setopt, CURLM, CURLMoption)

/// Every CURLINFO_* takes one pointer to where the value goes.
CURLcode curl_easy_getinfo(CURL *curl, CURLINFO info, ...) {
    typedef CURLcode (*getinfo_type)(CURL *, CURLINFO, ...);
    REAL(curl_easy_getinfo, getinfo_type)
    va_list ap;
    va_start(ap, info);
    CURLcode result = curl_easy_getinfo_fn(curl, info, va_arg(ap, void *));
    va_end(ap);
    return result;
}
