#' The statistically validated projection (backbone)
#'
#' Tests every pair of cities sharing at least one program: do they share more programs than
#' the cities' and programs' sizes explain? The table of `citynet backbone`: the kept pairs
#' (or, with `all_pairs = TRUE`, every tested pair) with their shared programs, the expected
#' count, the p-value and the adjusted p-value.
#'
#' The arguments are named as in the R package backbone (3.x): `alpha`, `mtc`, `signed`,
#' `class`. `model = "sdsm"` is the stochastic degree sequence model with BiCM
#' probabilities and exact Poisson-binomial p-values (`pvalue = "rna"` or `"poisson"` for
#' the approximations other tools use); `"fixedrow"` the hypergeometric model; `"disparity"`
#' the disparity filter of the weighted projection (or of the ties of an edge list);
#' `"threshold"` keeps pairs sharing at least `min_weight` programs.
#'
#' @param net A network from [cn_read()], [cn_from_data_frame()] or [cn_from_igraph()].
#' @param model `"sdsm"`, `"fixedrow"`, `"disparity"` or `"threshold"`.
#' @param alpha Significance level: a pair is kept when its adjusted p-value is below it.
#' @param mtc Multiple-test correction: `"fdr"` (Benjamini-Hochberg; `"BH"` is accepted),
#'   `"bonferroni"`, `"holm"` or `"none"`.
#' @param tests Which pairs the correction counts: `"tested"` (pairs sharing a program, as
#'   backbone does) or `"all"` (all n(n-1)/2 pairs, as the Python bicm package does).
#' @param pvalue SDSM p-values: `"exact"`, `"poisson"` or `"rna"`.
#' @param min_weight The minimum shared weight of `model = "threshold"`.
#' @param eligible A CSV file of `program,country` or `program,region` rows naming who could
#'   join each listed program (structural zeros, SDSM-EC).
#' @param all_pairs `TRUE` for every tested pair, not only the kept ones.
#' @param signed Only `FALSE`: citynet tests the upper tail (more shared programs than
#'   expected); a signed backbone is not computed.
#' @param class `"edgelist"` (a data.frame) or `"igraph"` (the kept pairs as a weighted
#'   igraph graph with the pair columns as edge attributes and the cities as vertices).
#' @return A data.frame of pairs (`class = "edgelist"`) or an igraph graph.
#' @examples
#' net <- cn_read(system.file("extdata", "city-diplomacy", package = "citynet"))
#' bb <- cn_backbone(net, model = "sdsm", alpha = 0.05, mtc = "fdr")
#' head(bb)
#' @export
cn_backbone <- function(net, model = "sdsm", alpha = 0.05, mtc = "fdr", tests = "tested",
                        pvalue = "exact", min_weight = NULL, eligible = NULL,
                        all_pairs = FALSE, signed = FALSE, class = "edgelist") {
  check_network(net)
  model <- check_choice(model, c("sdsm", "fixedrow", "disparity", "threshold"), "model")
  if (identical(mtc, "BH")) {
    mtc <- "fdr"
  }
  mtc <- check_choice(mtc, c("fdr", "bonferroni", "holm", "none"), "mtc")
  tests <- check_choice(tests, c("tested", "all"), "tests")
  pvalue <- check_choice(pvalue, c("exact", "poisson", "rna"), "pvalue")
  class <- check_choice(class, c("edgelist", "igraph"), "class")
  if (!identical(signed, FALSE)) {
    stop_citynet("signed = TRUE: citynet tests only whether a pair shares more programs than expected; use signed = FALSE")
  }
  if (!is.numeric(alpha) || length(alpha) != 1L || is.na(alpha)) {
    stop_citynet("`alpha` must be one number in (0, 1], e.g. 0.05")
  }
  if (!is.null(eligible)) {
    eligible <- normalizePath(eligible, mustWork = FALSE)
  }
  flags <- c(
    flag("model", model), flag("alpha", alpha), flag("correction", mtc),
    flag("tests", tests), flag("pvalue", pvalue), flag("min-weight", min_weight),
    flag("eligible", eligible), flag("all-pairs", all_pairs)
  )
  pairs <- as_table(native(cn_rs_backbone(net$ptr, flags), net$origin))
  if (class == "igraph") {
    return(pairs_graph(net, pairs))
  }
  pairs
}

# The kept pairs as an igraph graph on every city of `net`.
pairs_graph <- function(net, pairs) {
  need_igraph("cn_backbone(class = \"igraph\")")
  cities <- as_igraph(net, graph = "projection", metrics = character())
  cities <- igraph::delete_edges(cities, igraph::E(cities))
  key <- paste(igraph::V(cities)$label, igraph::V(cities)$country, sep = "\r")
  ends <- function(city, country) match(paste(city, country, sep = "\r"), key)
  cols <- names(pairs)
  a <- ends(pairs[[cols[1L]]], pairs[[cols[2L]]])
  b <- ends(pairs[[cols[3L]]], pairs[[cols[4L]]])
  g <- igraph::add_edges(cities, rbind(a, b))
  for (col in cols[-(1:4)]) {
    g <- igraph::set_edge_attr(g, col, value = pairs[[col]])
  }
  g
}

need_igraph <- function(what) {
  if (!requireNamespace("igraph", quietly = TRUE)) {
    stop_citynet(paste(what, "needs the igraph package"))
  }
}
