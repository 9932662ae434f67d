SEXP savvy_cn_rs_describe__ffi(SEXP c_arg__net);
SEXP savvy_cn_rs_export__ffi(SEXP c_arg__net, SEXP c_arg__flags);
SEXP savvy_cn_rs_metrics__ffi(SEXP c_arg__net, SEXP c_arg__flags);
SEXP savvy_cn_rs_read__ffi(SEXP c_arg__path, SEXP c_arg__flags);
SEXP savvy_cn_rs_read_csv__ffi(SEXP c_arg__path);
SEXP savvy_cn_rs_read_json__ffi(SEXP c_arg__path);
SEXP savvy_cn_rs_run__ffi(SEXP c_arg__args);
SEXP savvy_cn_rs_version__ffi(void);
