#' How robust a city ranking is
#'
#' The table of `citynet robustness`: per city the metric's `value` and `rank` (1 = the
#' largest; equal values share the best rank), the range of ranks when each program's
#' memberships are left out in turn (`loo_rank_min`, `loo_rank_max`,
#' `loo_most_influential`), the 2.5 and 97.5 percent ranks over a bootstrap of programs
#' (`boot_rank_lo`, `boot_rank_hi`) and `p_top10`. Replicate r is seeded from `seed` and r,
#' so the result does not depend on the number of threads.
#'
#' @param net A network with programs (a membership table or network folder).
#' @param metric The metric to rank by: `"strength"`, `"degree"`, `"betweenness"`,
#'   `"closeness"`, `"harmonic"`, `"eigenvector"`, `"pagerank"`, `"clustering"`, `"core"`,
#'   `"reach_2"`, `"constraint"` or `"effective_size"`.
#' @param graph `"projection"` (every co-membership) or `"validated"` (the SDSM backbone
#'   recomputed on every replicate).
#' @param replicates Bootstrap replicates.
#' @param seed Seed of the bootstrap.
#' @param pair Two cities to compare, `c("A", "B")` (a name, or `"Name, Country"`): the
#'   summary then gives P(metric A > metric B) and the interval of the difference.
#' @param projection Deprecated: `"plain"` or `"validated"`, the spelling of `graph` in
#'   earlier releases (removed in the next release).
#' @return A data.frame with the network-level summary (Kendall tau_b of the replicates
#'   against the full ranking, top-10 overlap, and `pair`) as its attribute `"summary"`.
#' @examples
#' net <- cn_read(system.file("extdata", "city-diplomacy", package = "citynet"))
#' r <- cn_robustness(net, metric = "strength", replicates = 50)
#' head(r[order(r$rank), c("city", "value", "rank", "boot_rank_lo", "boot_rank_hi")])
#' attr(r, "summary")$kendall_tau
#' @export
cn_robustness <- function(net, metric = "strength", graph = "projection", replicates = 1000,
                          seed = 1, pair = NULL, projection = NULL) {
  check_network(net)
  graph <- city_graph(graph, projection)
  if (!is.null(pair)) {
    if (!is.character(pair) || length(pair) != 2L) {
      stop_citynet("`pair` must be two city names, c(\"A\", \"B\")")
    }
  }
  flags <- c(
    flag("metric", metric), flag("graph", graph),
    flag("replicates", replicates), flag("seed", seed), flag("pair", pair, repeat_each = TRUE)
  )
  r <- native(cn_rs_robustness(net$ptr, flags), net$origin)
  out <- as_table(r$table)
  attr(out, "summary") <- r$summary
  out
}

#' GaWC connectivity
#'
#' The tables of `citynet connectivity` (the GaWC suite on the valued projection): per city
#' its global network connectivity and share of the top city with E-I indices
#' (`connectivity`), the strongest dyads (`dyads`), the regional sums (`groups`) and, for
#' each `hinterworld` city, its relative hinterworld (`hinterworld`).
#'
#' @param net A network.
#' @param group The city attribute that defines the groups: `"country"`, `"region"` or any
#'   city column.
#' @param hinterworld Cities whose relative hinterworld to compute (a name, or
#'   `"Name, Country"`).
#' @param graph `"projection"` (every co-membership) or `"validated"` (the SDSM backbone).
#' @param dyads How many ranks of the strongest dyads to list.
#' @param projection Deprecated: `"plain"` or `"validated"`, the spelling of `graph` in
#'   earlier releases (removed in the next release).
#' @return A named list of data.frames, one per table the command writes.
#' @examples
#' net <- cn_read(system.file("extdata", "city-diplomacy", package = "citynet"))
#' gawc <- cn_connectivity(net, group = "country", dyads = 10)
#' names(gawc)
#' head(gawc$connectivity)
#' @export
cn_connectivity <- function(net, group = "country", hinterworld = NULL, graph = "projection",
                            dyads = 50, projection = NULL) {
  check_network(net)
  graph <- city_graph(graph, projection)
  flags <- c(
    flag("group", group), flag("hinterworld", hinterworld, repeat_each = TRUE),
    flag("graph", graph), flag("dyads", dyads)
  )
  lapply(native(cn_rs_connectivity(net$ptr, flags), net$origin), as_table)
}

#' Brokerage roles
#'
#' The table of `citynet brokerage`: per city the Gould-Fernandez brokerage roles between
#' the groups of `group` (`coordinator`, `consultant`, `representative`, `gatekeeper`,
#' `liaison`, `total`: every ordered 2-path i-j-k with no tie i-k) and their z-scores
#' (`z_*`), as `sna::brokerage` computes them.
#'
#' @param net A network.
#' @param group The city attribute that defines the groups (`"country"`, `"region"`, or any
#'   city column).
#' @param graph The graph the brokers sit in: `"projection"`, `"validated"` or `"ties"`
#'   (`NULL`: the projection for inputs with programs, the ties otherwise).
#' @return A data.frame, one row per city.
#' @examples
#' net <- cn_read(system.file("extdata", "city-diplomacy", package = "citynet"))
#' b <- cn_brokerage(net, group = "country")
#' head(b[order(-b$total), ])
#' @export
cn_brokerage <- function(net, group, graph = NULL) {
  check_network(net)
  if (!is.null(graph)) {
    graph <- check_choice(graph, c("projection", "validated", "ties"), "graph")
  }
  as_table(native(cn_rs_brokerage(net$ptr, c(flag("group", group), flag("graph", graph))),
                  net$origin))
}
