#ifndef CONVENE_CWEBSOCKETS_SHIM_H
#define CONVENE_CWEBSOCKETS_SHIM_H
#include <libwebsockets.h>

/* Swift cannot import computed macros: expose them as constants. */
static const int convene_lws_pre = LWS_PRE;
static const uint64_t convene_lws_option_ssl_global_init = LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
static const uint64_t convene_lws_option_validate_utf8 = LWS_SERVER_OPTION_VALIDATE_UTF8;
static const uint64_t convene_lws_option_fail_unable_to_bind = LWS_SERVER_OPTION_FAIL_UPON_UNABLE_TO_BIND;
static const uint64_t convene_lws_option_disable_ipv6 = LWS_SERVER_OPTION_DISABLE_IPV6;
static const int convene_lws_log_err = LLL_ERR;
static const int convene_lws_log_warn = LLL_WARN;
static const int convene_lws_log_notice = LLL_NOTICE;
static const int convene_lws_log_info = LLL_INFO;
#endif
