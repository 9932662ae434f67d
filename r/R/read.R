#' Read a city network
#'
#' Reads any input the `citynet` command line reads, with the same options: a network
#' folder (`network.toml`, `cities.csv`, `programs.csv`, `memberships.csv`, `ties.csv`), a
#' membership table (one row per city and program; CSV, TSV, any encoding), an edge list
#' (`source`, `target`, optional `weight`), an incidence matrix, an Excel or OpenDocument
#' workbook, or a GraphML or GEXF file. The kind is detected from the path and header unless
#' `kind` says it. Warnings of the reader (a guessed sheet, a separator, lines read as
#' Windows-1252, rows left out with `rejected = FILE` to list them...) become R warnings; an
#' input that cannot be used is an error
#' of class `citynet_error` whose message lists every problem with its file, line, column and
#' value.
#'
#' @param path A network folder or a file.
#' @param kind `NULL` (detect), `"network-folder"`, `"membership-table"`, `"edge-list"` or
#'   `"matrix"`.
#' @param city_col,country_col,program_col,source_col,target_col,weight_col,lat_col,lon_col
#'   Column names, when they are not the defaults (`city`, `country`, `program` or `network`,
#'   `source`, `target`, `weight`, `lat`/`latitude`, `lon`/`lng`/`longitude`; matched
#'   case-insensitively).
#' @param program_sep The separator of programs listed in one cell (`";"` for
#'   `"C40;;ICLEI"`): each item becomes a membership.
#' @param sheet The sheet of a workbook, by name or number (`NULL`: the first sheet with a
#'   usable header).
#' @param encoding `"auto"` or any WHATWG label (`"utf-8"`, `"windows-1252"`, `"latin1"`,
#'   `"utf-16le"`, `"shift_jis"`...).
#' @param alias Names that are one city: `c("New York City" = "New York")` or
#'   `"New York City=New York"`.
#' @param na Strings that mean a missing value, replacing the default set (`NA`, `N/A`,
#'   `#N/A`, `NaN`, `NULL`, `null`, `None`, `-`, `.`); `character()` leaves only the empty
#'   cell.
#' @param strict `TRUE` to stop on unusable rows instead of leaving them out.
#' @param rejected A CSV file to list the rows left out in, with their reasons.
#' @param max_memory A memory budget such as `"8G"` (`NULL`: half of the memory available).
#' @param as_of A year: keep only the memberships and ties active that year (every city is
#'   kept).
#' @return A network (class `citynet_network`) for the other functions of the package.
#' @examples
#' net <- cn_read(system.file("extdata", "city-diplomacy", package = "citynet"))
#' net
#'
#' # A membership table with other column names and programs listed in one cell
#' f <- tempfile(fileext = ".csv")
#' writeLines(c("Locality;Networks", "Paris;C40|Eurocities", "Lyon;Eurocities"), f)
#' cn_read(f, city_col = "Locality", program_col = "Networks", program_sep = "|")
#'
#' # An unusable input is an error naming the file and line
#' writeLines(c("city,program,weight", "Paris,C40,heavy"), f)
#' try(cn_read(f, strict = TRUE))
#' @export
cn_read <- function(path, kind = NULL, city_col = NULL, country_col = NULL,
                    program_col = NULL, source_col = NULL, target_col = NULL,
                    weight_col = NULL, lat_col = NULL, lon_col = NULL,
                    program_sep = NULL, sheet = NULL, encoding = "auto", alias = NULL,
                    na = NULL, strict = FALSE, rejected = NULL, max_memory = NULL,
                    as_of = NULL) {
  read_network(path, kind = kind, city_col = city_col, country_col = country_col,
               program_col = program_col, source_col = source_col, target_col = target_col,
               weight_col = weight_col, lat_col = lat_col, lon_col = lon_col,
               program_sep = program_sep, sheet = sheet, encoding = encoding, alias = alias,
               na = na, strict = strict, rejected = rejected, max_memory = max_memory,
               as_of = as_of)
}

read_network <- function(path, kind = NULL, city_col = NULL, country_col = NULL,
                         program_col = NULL, source_col = NULL, target_col = NULL,
                         weight_col = NULL, lat_col = NULL, lon_col = NULL,
                         program_sep = NULL, sheet = NULL, encoding = "auto", alias = NULL,
                         na = NULL, strict = FALSE, rejected = NULL, max_memory = NULL,
                         as_of = NULL, .origin = NULL) {
  if (!is.character(path) || length(path) != 1L || is.na(path)) {
    stop_citynet("`path` must be one file or folder name")
  }
  if (!is.null(kind)) {
    kind <- check_choice(kind, c("network-folder", "membership-table", "edge-list", "matrix"),
                         "kind")
  }
  if (!is.null(alias) && !is.null(names(alias))) {
    alias <- paste0(names(alias), "=", alias)
  }
  if (!is.null(na) && length(na) == 0L) {
    na <- ""
  }
  if (!is.null(rejected)) {
    rejected <- normalizePath(rejected, mustWork = FALSE)
  }
  flags <- c(
    flag("kind", kind), flag("encoding", encoding), flag("sheet", sheet),
    flag("program-sep", program_sep), flag("city-col", city_col),
    flag("country-col", country_col), flag("program-col", program_col),
    flag("source-col", source_col), flag("target-col", target_col),
    flag("weight-col", weight_col), flag("lat-col", lat_col), flag("lon-col", lon_col),
    flag("alias", alias, repeat_each = TRUE), flag("max-memory", max_memory),
    flag("na", na), flag("strict", strict), flag("rejected", rejected),
    flag("as-of", as_of)
  )
  path <- normalizePath(path, mustWork = FALSE)
  ptr <- native(cn_rs_read(path, flags), .origin)
  info <- cn_rs_describe(ptr)
  net <- structure(list(ptr = ptr, info = info, origin = .origin), class = "citynet_network")
  for (w in info$warnings) {
    warning(relabel(sub("^warning: ", "", w), .origin), call. = FALSE)
  }
  net
}

#' @export
print.citynet_network <- function(x, ...) {
  cat("<citynet network> ", relabel(x$info$description, x$origin), "\n", sep = "")
  cat("  read from ", relabel(x$info$path, x$origin), "\n", sep = "")
  invisible(x)
}

# Writes a data frame as CSV that citynet reads back unchanged: UTF-8, every cell quoted,
# NA as an empty cell, doubles in round-trip precision.
write_frame <- function(df, file) {
  df <- as.data.frame(df, stringsAsFactors = FALSE, optional = TRUE)
  for (j in seq_along(df)) {
    x <- df[[j]]
    df[[j]] <- if (is.double(x)) {
      ifelse(is.na(x), NA_character_, number_text(x))
    } else {
      as.character(x)
    }
  }
  utils::write.csv(df, file, row.names = FALSE, na = "", fileEncoding = "UTF-8")
  invisible(file)
}

#' City networks from data frames and igraph objects
#'
#' `cn_from_data_frame()` reads a data frame as the command line reads a table: a membership
#' table (one row per city and program; `country`, `weight`, coordinates and any other column
#' are kept as city attributes) or, with `source` and `target`, an edge list. Messages name
#' the data frame and its row.
#'
#' `cn_from_igraph()` reads an igraph graph with its attributes. A graph with a logical
#' vertex attribute `type` (igraph's bipartite convention: `FALSE` for cities, `TRUE` for
#' programs), a `bipartite` (0/1) or a `mode` (`"city"`/`"program"`) attribute is two-mode:
#' its city-program edges are memberships and its city-city edges direct ties. Any other
#' graph is one-mode, its edges ties. The name of a vertex is its `name` attribute, else its
#' `label`; `country`, `lat` and `lon` are read from attributes of those names; edge weights
#' from `weight`.
#'
#' @param df A data.frame.
#' @param city,program,country,weight Column names of a membership table (`country` and
#'   `weight` optional).
#' @param source,target Column names of an edge list (instead of `city` and `program`).
#' @param g An igraph graph.
#' @param ... Further options of [cn_read()] (`program_sep`, `lat_col`, `alias`, `na`,
#'   `strict`, `as_of`...).
#' @return A network (class `citynet_network`).
#' @examples
#' df <- read.csv(system.file("extdata", "city-diplomacy", "memberships.csv",
#'                            package = "citynet"))
#' net <- cn_from_data_frame(df, city = "city", program = "program", country = "country")
#' net
#'
#' ties <- read.csv(system.file("extdata", "city-diplomacy", "ties.csv", package = "citynet"))
#' cn_from_data_frame(ties, source = "city_a", target = "city_b")
#'
#' if (requireNamespace("igraph", quietly = TRUE)) {
#'   g <- as_igraph(net, graph = "two-mode")
#'   cn_from_igraph(g)
#' }
#' @export
cn_from_data_frame <- function(df, city = "city", program = "program", country = NULL,
                               weight = NULL, source = NULL, target = NULL, ...) {
  if (!is.data.frame(df)) {
    stop_citynet(sprintf("`df` must be a data.frame, not %s", paste(class(df), collapse = "/")))
  }
  edge_list <- !is.null(source) || !is.null(target)
  wanted <- if (edge_list) c(source, target, weight) else c(city, program, country, weight)
  missing <- setdiff(wanted, names(df))
  if (length(missing)) {
    stop_citynet(sprintf(
      "`df` has no column %s; its columns are %s",
      paste0('"', missing, '"', collapse = ", "),
      paste0('"', names(df), '"', collapse = ", ")
    ))
  }
  file <- temp_path(".csv")
  write_frame(df, file)
  src <- list(temp = normalizePath(file), what = described(substitute(df), "data frame"),
              rows = TRUE)
  if (edge_list) {
    read_network(file, kind = "edge-list", source_col = source, target_col = target,
                 weight_col = weight, ..., .origin = src)
  } else {
    read_network(file, kind = "membership-table", city_col = city, program_col = program,
                 country_col = country, weight_col = weight, ..., .origin = src)
  }
}

#' @rdname cn_from_data_frame
#' @export
cn_from_igraph <- function(g, ...) {
  if (!requireNamespace("igraph", quietly = TRUE)) {
    stop_citynet("cn_from_igraph() needs the igraph package")
  }
  if (!igraph::is_igraph(g)) {
    stop_citynet(sprintf("`g` must be an igraph graph, not %s", paste(class(g), collapse = "/")))
  }
  attrs <- igraph::vertex_attr_names(g)
  if ("type" %in% attrs && is.logical(igraph::V(g)$type) &&
      !any(c("bipartite", "mode") %in% attrs)) {
    # igraph's bipartite convention: type FALSE for cities, TRUE for programs.
    g <- igraph::set_vertex_attr(g, "bipartite", value = as.integer(igraph::V(g)$type))
    g <- igraph::delete_vertex_attr(g, "type")
  }
  file <- temp_path(".graphml")
  igraph::write_graph(g, file, format = "graphml")
  what <- described(substitute(g), "igraph object")
  read_network(file, ..., .origin = list(temp = normalizePath(file), what = what))
}
