// libcurl, loaded on first use (see lazycurl.c): the stand-ins for libcurl's own functions are found at link time
// (FoundationNetworking calls them by name), so this header declares only what the tests call.
#ifndef HERD_LAZY_CURL_H
#define HERD_LAZY_CURL_H

/// 1 once libcurl has been loaded (the first curl call of the process), else 0. For tests and diagnostics.
int herd_curl_loaded(void);

/// Calls each stand-in once through libcurl, with every kind of option argument (long, object pointer, function
/// pointer, curl_off_t) and a value read back: 0 when each answered as libcurl does, else the number of the first
/// step that did not. For tests.
int herd_curl_selftest(void);

#endif
