// herd_curl_selftest: every stand-in of lazycurl.c called once, so a test sees each one reach libcurl.
#define CURL_DISABLE_TYPECHECK 1
#include "lazycurl.h"
#include <curl/curl.h>
#include <string.h>

static size_t write_nothing(char *data, size_t size, size_t count, void *context) {
    (void)data; (void)context;
    return size * count;
}

static int socket_nothing(CURL *easy, curl_socket_t fd, int what, void *context, void *socket_context) {
    (void)easy; (void)fd; (void)what; (void)context; (void)socket_context;
    return 0;
}

int herd_curl_selftest(void) {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return 1;
    const char *version = curl_version();
    if (version == NULL || strncmp(version, "libcurl/", 8) != 0) return 2;
    curl_version_info_data *info = curl_version_info(CURLVERSION_NOW);
    if (info == NULL || info->version == NULL) return 3;
    if (curl_easy_strerror(CURLE_OK) == NULL) return 4;

    CURL *easy = curl_easy_init();
    if (easy == NULL) return 5;
    static int marker;
    if (curl_easy_setopt(easy, CURLOPT_PRIVATE, &marker) != CURLE_OK) return 6;
    if (curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, 1500L) != CURLE_OK) return 7;
    if (curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)1 << 40) != CURLE_OK) return 8;
    if (curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, write_nothing) != CURLE_OK) return 9;
    if (curl_easy_setopt(easy, CURLOPT_URL, "http://127.0.0.1:9/") != CURLE_OK) return 10;
    if (curl_easy_setopt(easy, (CURLoption)999, 1L) != CURLE_UNKNOWN_OPTION) return 11;
    void *back = NULL;
    if (curl_easy_getinfo(easy, CURLINFO_PRIVATE, &back) != CURLE_OK || back != &marker) return 12;
    if (curl_easy_pause(NULL, CURLPAUSE_CONT) != CURLE_BAD_FUNCTION_ARGUMENT) return 13;

    struct curl_slist *headers = curl_slist_append(NULL, "X-Herd: 1");
    if (headers == NULL || strcmp(headers->data, "X-Herd: 1") != 0) return 14;
    curl_slist_free_all(headers);

    CURLM *multi = curl_multi_init();
    if (multi == NULL) return 15;
    if (curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, 3L) != CURLM_OK) return 16;
    if (curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, socket_nothing) != CURLM_OK) return 17;
    if (curl_multi_add_handle(multi, easy) != CURLM_OK) return 18;
    if (curl_multi_assign(multi, 12345, NULL) != CURLM_BAD_SOCKET) return 19;
    int queued = -1;
    if (curl_multi_info_read(multi, &queued) != NULL || queued != 0) return 20;
    int running = -1;
    if (curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running) != CURLM_OK || running < 0) return 21;
    if (curl_multi_remove_handle(multi, easy) != CURLM_OK) return 22;
    if (curl_multi_cleanup(multi) != CURLM_OK) return 23;
    curl_easy_cleanup(easy);

    CURLU *url = curl_url();
    if (url == NULL) return 24;
    if (curl_url_set(url, CURLUPART_URL, "http://example.invalid:8080/p?q=1", 0) != CURLUE_OK) return 25;
    char *port = NULL;
    if (curl_url_get(url, CURLUPART_PORT, &port, 0) != CURLUE_OK || port == NULL || strcmp(port, "8080") != 0) return 26;
    curl_free(port);
    // No curl_url_cleanup: FoundationNetworking never calls it, so herd has no stand-in for it (the handle leaks).
    return 0;
}
