
// clang-format sorts includes unless SortIncludes: Never. However, the ordering
// does matter here. So, we need to disable clang-format for safety.

// clang-format off
#include <stdint.h>
#include <Rinternals.h>
#include <R_ext/Parse.h>
// clang-format on

#include "rust/api.h"

static uintptr_t TAGGED_POINTER_MASK = (uintptr_t)1;

SEXP handle_result(SEXP res_) {
    uintptr_t res = (uintptr_t)res_;

    // An error is indicated by tag.
    if ((res & TAGGED_POINTER_MASK) == 1) {
        // Remove tag
        SEXP res_aligned = (SEXP)(res & ~TAGGED_POINTER_MASK);

        // Currently, there are two types of error cases:
        //
        //   1. Error from Rust code
        //   2. Error from R's C API, which is caught by R_UnwindProtect()
        //
        if (TYPEOF(res_aligned) == CHARSXP) {
            // In case 1, the result is an error message that can be passed to
            // Rf_errorcall() directly.
            Rf_errorcall(R_NilValue, "%s", CHAR(res_aligned));
        } else {
            // In case 2, the result is the token to restart the
            // cleanup process on R's side.
            R_ContinueUnwind(res_aligned);
        }
    }

    return (SEXP)res;
}

SEXP savvy_cn_rs_analyze__impl(SEXP c_arg__net, SEXP c_arg__out, SEXP c_arg__flags) {
    SEXP res = savvy_cn_rs_analyze__ffi(c_arg__net, c_arg__out, c_arg__flags);
    return handle_result(res);
}

SEXP savvy_cn_rs_backbone__impl(SEXP c_arg__net, SEXP c_arg__flags) {
    SEXP res = savvy_cn_rs_backbone__ffi(c_arg__net, c_arg__flags);
    return handle_result(res);
}

SEXP savvy_cn_rs_brokerage__impl(SEXP c_arg__net, SEXP c_arg__flags) {
    SEXP res = savvy_cn_rs_brokerage__ffi(c_arg__net, c_arg__flags);
    return handle_result(res);
}

SEXP savvy_cn_rs_connectivity__impl(SEXP c_arg__net, SEXP c_arg__flags) {
    SEXP res = savvy_cn_rs_connectivity__ffi(c_arg__net, c_arg__flags);
    return handle_result(res);
}

SEXP savvy_cn_rs_describe__impl(SEXP c_arg__net) {
    SEXP res = savvy_cn_rs_describe__ffi(c_arg__net);
    return handle_result(res);
}

SEXP savvy_cn_rs_export__impl(SEXP c_arg__net, SEXP c_arg__flags) {
    SEXP res = savvy_cn_rs_export__ffi(c_arg__net, c_arg__flags);
    return handle_result(res);
}

SEXP savvy_cn_rs_figure__impl(SEXP c_arg__net, SEXP c_arg__path, SEXP c_arg__flags) {
    SEXP res = savvy_cn_rs_figure__ffi(c_arg__net, c_arg__path, c_arg__flags);
    return handle_result(res);
}

SEXP savvy_cn_rs_metrics__impl(SEXP c_arg__net, SEXP c_arg__flags) {
    SEXP res = savvy_cn_rs_metrics__ffi(c_arg__net, c_arg__flags);
    return handle_result(res);
}

SEXP savvy_cn_rs_read__impl(SEXP c_arg__path, SEXP c_arg__flags) {
    SEXP res = savvy_cn_rs_read__ffi(c_arg__path, c_arg__flags);
    return handle_result(res);
}

SEXP savvy_cn_rs_read_csv__impl(SEXP c_arg__path) {
    SEXP res = savvy_cn_rs_read_csv__ffi(c_arg__path);
    return handle_result(res);
}

SEXP savvy_cn_rs_read_json__impl(SEXP c_arg__path) {
    SEXP res = savvy_cn_rs_read_json__ffi(c_arg__path);
    return handle_result(res);
}

SEXP savvy_cn_rs_robustness__impl(SEXP c_arg__net, SEXP c_arg__flags) {
    SEXP res = savvy_cn_rs_robustness__ffi(c_arg__net, c_arg__flags);
    return handle_result(res);
}



static const R_CallMethodDef CallEntries[] = {
    {"savvy_cn_rs_analyze__impl", (DL_FUNC) &savvy_cn_rs_analyze__impl, 3},
    {"savvy_cn_rs_backbone__impl", (DL_FUNC) &savvy_cn_rs_backbone__impl, 2},
    {"savvy_cn_rs_brokerage__impl", (DL_FUNC) &savvy_cn_rs_brokerage__impl, 2},
    {"savvy_cn_rs_connectivity__impl", (DL_FUNC) &savvy_cn_rs_connectivity__impl, 2},
    {"savvy_cn_rs_describe__impl", (DL_FUNC) &savvy_cn_rs_describe__impl, 1},
    {"savvy_cn_rs_export__impl", (DL_FUNC) &savvy_cn_rs_export__impl, 2},
    {"savvy_cn_rs_figure__impl", (DL_FUNC) &savvy_cn_rs_figure__impl, 3},
    {"savvy_cn_rs_metrics__impl", (DL_FUNC) &savvy_cn_rs_metrics__impl, 2},
    {"savvy_cn_rs_read__impl", (DL_FUNC) &savvy_cn_rs_read__impl, 2},
    {"savvy_cn_rs_read_csv__impl", (DL_FUNC) &savvy_cn_rs_read_csv__impl, 1},
    {"savvy_cn_rs_read_json__impl", (DL_FUNC) &savvy_cn_rs_read_json__impl, 1},
    {"savvy_cn_rs_robustness__impl", (DL_FUNC) &savvy_cn_rs_robustness__impl, 2},

    {NULL, NULL, 0}
};

void R_init_citynet(DllInfo *dll) {
    R_registerRoutines(dll, NULL, CallEntries, NULL, NULL);
    R_useDynamicSymbols(dll, FALSE);

    // Functions for initialization, if any.

}
