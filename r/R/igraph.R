#' A citynet network as an igraph graph
#'
#' The graph `citynet export` writes, as an igraph object: every city (and program)
#' attribute and every metric column as vertex attributes, with the same values as
#' [cn_metrics()]. Vertex attribute `id` is the node id of the exports (`c0, c1, ...` for
#' cities, `p0, p1, ...` for programs) and `label` the name. In the two-mode graph
#' `bipartite` is 0 for cities and 1 for programs, `mode` is `"city"` or `"program"`, and
#' `type` (`FALSE` cities, `TRUE` programs) is igraph's bipartite type. Edges are undirected
#' with a `weight` (membership edges also carry `since`, `until` and `role` when the input
#' has them). A missing value is `NA`.
#'
#' @param net A network from [cn_read()], [cn_from_data_frame()] or [cn_from_igraph()].
#' @param graph `"projection"` (the city graph G: cities joined by shared programs, weight
#'   the sum of the products of membership weights; for edge lists, the graph itself),
#'   `"two-mode"` (cities and programs, memberships as edges), `"validated"` (the pairs
#'   [cn_backbone()] keeps with its defaults, and the metrics computed on them), `"ties"`
#'   (the direct city-city ties) or `"programs"` (the program projection).
#' @param metrics Metric columns to put on the vertices (`NULL`: the defaults of
#'   [cn_metrics()]; `character()`: none).
#' @param ... For `graph = "validated"`, the backbone options `model`, `alpha`,
#'   `correction`, `tests`, `pvalue` (as the command line's flags).
#' @return An undirected igraph graph.
#' @examples
#' net <- cn_read(system.file("extdata", "city-diplomacy", package = "citynet"))
#' g <- as_igraph(net, graph = "projection")
#' g
#' head(igraph::vertex_attr_names(g), 12)
#' b <- as_igraph(net, graph = "two-mode")
#' table(igraph::V(b)$type)
#' @export
as_igraph <- function(net, graph = "projection", metrics = NULL, ...) {
  check_network(net)
  need_igraph("as_igraph()")
  graph <- check_choice(graph, c("projection", "two-mode", "validated", "ties", "programs"),
                        "graph")
  flags <- c(
    flag("graph", graph),
    if (!is.null(metrics) && length(metrics) == 0L) "--metrics=" else flag("metrics", metrics),
    dots_flags(list(...))
  )
  x <- native(cn_rs_export(net$ptr, flags), net$origin)
  nodes <- x$nodes
  edges <- x$edges
  g <- igraph::make_empty_graph(n = length(nodes$id), directed = FALSE)
  g <- igraph::add_edges(g, as.vector(rbind(edges$from, edges$to)))
  for (a in names(nodes)) {
    g <- igraph::set_vertex_attr(g, a, value = nodes[[a]])
  }
  if (graph == "two-mode") {
    g <- igraph::set_vertex_attr(g, "type", value = nodes$bipartite == 1L)
  }
  for (a in setdiff(names(edges), c("from", "to"))) {
    g <- igraph::set_edge_attr(g, a, value = edges[[a]])
  }
  igraph::graph_attr(g, "graph") <- x$graph
  g
}

#' @rdname as_igraph
#' @param x A network (for `as_tbl_graph()`).
#' @details `as_tbl_graph()` (a method of tidygraph's generic, available when tidygraph is
#'   installed) returns the same graph as a tidygraph `tbl_graph`.
#' @exportS3Method tidygraph::as_tbl_graph
as_tbl_graph.citynet_network <- function(x, graph = "projection", metrics = NULL, ...) {
  tidygraph::as_tbl_graph(as_igraph(x, graph = graph, metrics = metrics, ...))
}
