# Helpers shared by the exported functions: command-line flags from R arguments, conditions,
# tables, the network object.

# "--name=value" (one per element of a vector when `repeat_each`), "--name" for TRUE, nothing
# for NULL or FALSE. The "=" form keeps values that start with "-" (an --as-of year, a
# separator) from being read as flags.
flag <- function(name, value, repeat_each = FALSE) {
  if (is.null(value) || (is.logical(value) && length(value) == 1L && !isTRUE(value))) {
    return(character())
  }
  if (is.logical(value) && length(value) == 1L) {
    return(paste0("--", name))
  }
  value <- if (is.numeric(value)) number_text(value) else as.character(value)
  if (anyNA(value)) {
    stop_citynet(sprintf("`%s` is NA; expected a value", gsub("-", "_", name)))
  }
  if (repeat_each) paste0("--", name, "=", value) else paste0("--", name, "=", paste(value, collapse = ","))
}

# Numbers as text that reads back as the same double (15 significant digits when enough,
# else 17).
number_text <- function(x) {
  short <- formatC(x, digits = 15, format = "g")
  long <- formatC(x, digits = 17, format = "g")
  out <- ifelse(is.na(x) | as.numeric(short) == x, short, long)
  trimws(out)
}

# Signals an error of class `citynet_error`.
stop_citynet <- function(message, call = NULL) {
  stop(structure(
    class = c("citynet_error", "error", "condition"),
    list(message = message, call = call)
  ))
}

# Runs native code; its errors become `citynet_error` conditions, with the temporary file a
# data frame or igraph object was written to named as what it was.
native <- function(expr, origin = NULL) {
  tryCatch(expr, error = function(e) {
    stop_citynet(relabel(conditionMessage(e), origin))
  })
}

# The temporary file's name becomes what it was written from; for a data frame, "FILE:N" (line
# N, after the header line) becomes "row N - 1".
relabel <- function(text, origin) {
  if (is.null(origin)) {
    return(text)
  }
  if (isTRUE(origin$rows)) {
    escaped <- gsub("([][{}()+*^$|\\\\?.])", "\\\\\\1", origin$temp)
    at <- gregexpr(paste0(escaped, ":[0-9]+"), text)
    regmatches(text, at) <- lapply(regmatches(text, at), function(m) {
      line <- as.integer(sub(".*:", "", m))
      sprintf("%s, row %d", origin$what, line - 1L)
    })
  }
  gsub(origin$temp, origin$what, text, fixed = TRUE)
}

# How a data frame or graph argument is named in messages: its name, else what it is.
described <- function(expr, what) {
  if (is.name(expr)) paste0(what, " `", as.character(expr), "`") else paste("the", what)
}

# A named list of columns as a data.frame (names kept as they are).
as_table <- function(cols) {
  n <- if (length(cols)) length(cols[[1L]]) else 0L
  structure(cols, class = "data.frame", row.names = if (n) c(NA_integer_, -n) else integer())
}

check_network <- function(net) {
  if (!inherits(net, "citynet_network")) {
    stop_citynet(sprintf(
      "`net` must be a citynet network (from cn_read(), cn_from_data_frame() or cn_from_igraph()), not %s",
      paste(class(net), collapse = "/")
    ))
  }
  invisible(net)
}

check_choice <- function(value, choices, arg) {
  if (!is.character(value) || length(value) != 1L || !(value %in% choices)) {
    stop_citynet(sprintf(
      "`%s` must be one of %s, not %s",
      arg, paste0('"', choices, '"', collapse = ", "),
      paste(deparse(value), collapse = "")
    ))
  }
  value
}

read_table <- function(path) {
  as_table(cn_rs_read_csv(path))
}

temp_path <- function(ext = "") {
  tempfile("citynet-", fileext = ext)
}

# The city graph of an analysis: `graph` ("projection" or "validated"; "plain", the value of
# earlier releases, is the projection), or the deprecated `projection` argument when given.
city_graph <- function(graph, projection) {
  if (!is.null(projection)) {
    projection <- check_choice(projection, c("plain", "validated"), "projection")
    graph <- if (projection == "validated") "validated" else "projection"
    warning(sprintf(
      "`projection` is deprecated and will be removed in the next release; use graph = \"%s\"",
      graph
    ), call. = FALSE)
  }
  graph <- check_choice(graph, c("projection", "validated", "plain"), "graph")
  if (graph == "plain") "projection" else graph
}
