#ifndef CONVENE_CCURL_SHIM_H
#define CONVENE_CCURL_SHIM_H
#include <curl/curl.h>

/* curl_easy_setopt is variadic: Swift needs one typed wrapper per argument type. */
static inline CURLcode convene_curl_set_string(CURL *c, CURLoption o, const char *v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode convene_curl_set_long(CURL *c, CURLoption o, long v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode convene_curl_set_pointer(CURL *c, CURLoption o, void *v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode convene_curl_set_slist(CURL *c, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(c, o, v); }
typedef size_t (*convene_curl_read_callback)(char *buffer, size_t size, size_t count, void *user);
static inline CURLcode convene_curl_set_read_function(CURL *c, convene_curl_read_callback f) {
    return curl_easy_setopt(c, CURLOPT_READFUNCTION, f);
}
static inline long convene_curl_response_code(CURL *c) {
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    return code;
}
#endif
