#' Per-city metrics
#'
#' The city table of `citynet metrics`: the same columns in the same order, the same values
#' (doubles cross from the library unchanged; an empty cell of the command line's CSV, a
#' value that could not be computed, is `NA`).
#'
#' The default columns: for inputs with programs the two-mode columns (`programs`,
#' `bip_degree_centrality`, `bip_closeness`, `bip_betweenness`, `bip_pagerank`, `redundancy`),
#' then every column of the city graph G (`degree`, `strength`, `betweenness`, `closeness`,
#' `harmonic`, `eigenvector`, `pagerank`, `clustering`, `core`, `community`, `reach_2`...),
#' and for inputs with programs and direct ties the ties layer's degree and strength.
#' Large graphs get sampled betweenness and clustering within a time budget (the methods are
#' those of the command line); `exact = TRUE` computes every column exactly.
#'
#' @param net A network from [cn_read()], [cn_from_data_frame()] or [cn_from_igraph()].
#' @param metrics Column names to compute, in that order (`NULL`: the defaults). Unknown
#'   names are an error that lists the known ones.
#' @param graph The city graph G: `"projection"` (every co-membership, weighted by shared
#'   programs) or `"validated"` (only the pairs [cn_backbone()] keeps).
#' @param exact `TRUE` to compute every column exactly whatever the size of the graph;
#'   `NULL` or `FALSE` lets the planner sample on large graphs.
#' @param ... Further options of `citynet metrics`, named as its flags with `_` for `-`:
#'   `epsilon`, `delta`, `time_budget`, `sample_seed`, and for `graph = "validated"` the
#'   backbone options `model`, `alpha`, `correction`, `tests`, `pvalue`.
#' @return A data.frame, one row per city: `city`, `country` and the other city columns as
#'   character, then the metric columns (integer counts, double measures).
#' @seealso [as_igraph()] puts the same columns on the vertices of an igraph graph.
#' @examples
#' net <- cn_read(system.file("extdata", "city-diplomacy", package = "citynet"))
#' m <- cn_metrics(net, metrics = c("degree", "strength", "betweenness"))
#' head(m[order(-m$strength), ])
#' @export
cn_metrics <- function(net, metrics = NULL, graph = "projection", exact = NULL, ...) {
  check_network(net)
  graph <- check_choice(graph, c("projection", "validated"), "graph")
  flags <- c(
    flag("metrics", metrics),
    flag("graph", if (graph == "validated") "validated" else NULL),
    flag("exact", isTRUE(exact)),
    dots_flags(list(...))
  )
  out <- native(cn_rs_metrics(net$ptr, flags), net$origin)
  for (w in out$warnings) {
    warning(w, call. = FALSE)
  }
  as_table(out$table)
}

# Named arguments as flags: time_budget = 60 -> "--time-budget=60", TRUE -> "--name".
dots_flags <- function(dots) {
  if (!length(dots)) {
    return(character())
  }
  nm <- names(dots)
  if (is.null(nm) || any(nm == "")) {
    stop_citynet("every argument in `...` must be named (as the command line's option)")
  }
  unlist(lapply(seq_along(dots), function(i) {
    flag(gsub("_", "-", nm[[i]]), dots[[i]], repeat_each = length(dots[[i]]) > 1L &&
      !is.numeric(dots[[i]]))
  }), use.names = FALSE)
}
