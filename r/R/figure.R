#' Publication figures
#'
#' Draws one figure as `citynet render` does: the city network, the city-program
#' (bipartite) graph, a world map, a city's ego network, a rank chart or the degree
#' distribution, sized for a journal column. Networks and maps need Graphviz (`dot`,
#' `neato`, `sfdp`) on the search path.
#'
#' @param net A network.
#' @param view `"network"`, `"bipartite"`, `"map"`, `"ego"` (with `city =`), `"rank"` or
#'   `"degrees"`.
#' @param file The file to write: `.svg`, `.png`, `.pdf` or `.dot` (charts: `.svg` or
#'   `.png`). `NULL`: an SVG file in the session's temporary folder.
#' @param ... Further options of `citynet render`, named as its flags with `_` for `-`:
#'   `city`, `depth`, `size`, `color`, `labels`, `top`, `min_weight`, `all_edges`, `graph`,
#'   `backbone`, `title`, `dpi`, `layout`, `width_mm`.
#' @return The file name, invisibly.
#' @examples
#' net <- cn_read(system.file("extdata", "city-diplomacy", package = "citynet"))
#' f <- cn_figure(net, view = "rank", file = tempfile(fileext = ".svg"), labels = 10)
#' file.size(f) > 0
#' @export
cn_figure <- function(net, view = "network", file = NULL, ...) {
  check_network(net)
  view <- check_choice(view, c("network", "bipartite", "map", "ego", "rank", "degrees"), "view")
  if (is.null(file)) {
    file <- temp_path(".svg")
  }
  file <- normalizePath(file, mustWork = FALSE)
  native(cn_rs_figure(net$ptr, file, c(flag("view", view), dots_flags(list(...)))), net$origin)
  invisible(file)
}

#' The whole analysis
#'
#' Runs `citynet analyze`: the city and program tables, the summary, the backbone, the
#' robustness of the ranking, the report page and the figures (SVG, PNG, PDF), written to
#' the folder `out`.
#'
#' @param net A network.
#' @param out The result folder (`NULL`: a folder named after the network in the session's
#'   temporary folder). An existing folder that citynet did not write is not replaced.
#' @param figures `FALSE` to leave the figures out (they need Graphviz).
#' @param ... Further options of `citynet analyze` (`metrics`, `dpi`, `no_geocode`,
#'   `force`, `exact`, `graph`, ...), named as its flags with `_` for `-`.
#' @return A list: `dir` (the folder), `files` (the files written, relative to it), `cities`
#'   (the city table as [cn_metrics()] gives it for the same columns) and `summary` (the
#'   contents of `summary.json`).
#' @examples
#' net <- cn_read(system.file("extdata", "city-diplomacy", package = "citynet"))
#' res <- cn_analyze(net, out = file.path(tempdir(), "city-diplomacy"), figures = FALSE)
#' head(res$files)
#' res$summary$counts$cities
#' @export
cn_analyze <- function(net, out = NULL, figures = TRUE, ...) {
  check_network(net)
  if (is.null(out)) {
    out <- file.path(tempdir(), net$info$name)
  }
  out <- normalizePath(out, mustWork = FALSE)
  flags <- c(flag("no-figures", !isTRUE(figures)), "--raw-csv", dots_flags(list(...)))
  done <- native(cn_rs_analyze(net$ptr, out, flags), net$origin)
  out <- done$dir
  list(
    dir = out,
    files = done$files,
    cities = read_table(file.path(out, "cities.csv")),
    summary = cn_rs_read_json(file.path(out, "summary.json"))
  )
}
