#ifndef CONVENE_CWEBSOCKETS_SHIM_H
#define CONVENE_CWEBSOCKETS_SHIM_H
#include <libwebsockets.h>
#include <string.h>

/* Swift cannot import computed macros: expose them as constants. */
static const int convene_lws_pre = LWS_PRE;
static const uint64_t convene_lws_option_ssl_global_init = LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
static const uint64_t convene_lws_option_validate_utf8 = LWS_SERVER_OPTION_VALIDATE_UTF8;
static const uint64_t convene_lws_option_fail_unable_to_bind = LWS_SERVER_OPTION_FAIL_UPON_UNABLE_TO_BIND;
static const uint64_t convene_lws_option_disable_ipv6 = LWS_SERVER_OPTION_DISABLE_IPV6;
static const uint64_t convene_lws_option_libuv = LWS_SERVER_OPTION_LIBUV;
static const uint64_t convene_lws_option_uv_signals_only = LWS_SERVER_OPTION_UV_NO_SIGSEGV_SIGFPE_SPIN;
static const int convene_lws_log_err = LLL_ERR;
static const int convene_lws_log_warn = LLL_WARN;
static const int convene_lws_log_notice = LLL_NOTICE;
static const int convene_lws_log_info = LLL_INFO;

/* With an event library (libuv) running the loop, lws_service returns only once the
 * context has been destroyed from inside the loop. The destroy must not run inside a
 * connection's callback, so it is scheduled as an lws timer that fires on the loop. */
struct convene_stop_timer {
    lws_sorted_usec_list_t sul;
    struct lws_context *context;
};

static inline void convene_stop_timer_fired(lws_sorted_usec_list_t *sul) {
    struct convene_stop_timer *timer = lws_container_of(sul, struct convene_stop_timer, sul);
    lws_context_destroy(timer->context);
}

static inline void convene_schedule_stop(struct convene_stop_timer *timer, struct lws_context *context) {
    memset(timer, 0, sizeof *timer);
    timer->context = context;
    lws_sul_schedule(context, 0, &timer->sul, convene_stop_timer_fired, 1);
}

/* libuv hands lws's signal callback its uv_signal_t; lws keeps the context in the handle's
 * public `data` field, the first field of every libuv handle. */
static inline struct lws_context *convene_context_of_uv_handle(void *handle) {
    return handle ? *(struct lws_context **)handle : NULL;
}
#endif
