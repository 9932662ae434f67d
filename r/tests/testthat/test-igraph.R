# as_igraph's graphs checked with igraph's own algorithms.

test_that("as_igraph's projection has the metrics igraph computes on it", {
  net <- bundled("city-diplomacy")
  g <- as_igraph(net, graph = "projection")
  m <- cn_metrics(net)
  expect_identical(igraph::vcount(g), nrow(m))
  expect_false(igraph::is_directed(g))
  expect_identical(igraph::V(g)$label, m$city)
  expect_identical(igraph::V(g)$id, paste0("c", seq_len(nrow(m)) - 1L))
  for (col in c("degree", "strength", "betweenness", "closeness", "pagerank", "core")) {
    expect_identical(igraph::vertex_attr(g, col), m[[col]], info = col)
  }
  w <- igraph::E(g)$weight
  expect_equal(as.integer(igraph::degree(g)), m$degree)
  expect_equal(as.numeric(igraph::strength(g, weights = w)), as.numeric(m$strength))
  expect_equal(as.numeric(igraph::coreness(g)), as.numeric(m$core))
  expect_equal(unname(igraph::betweenness(g, weights = NA, normalized = TRUE)), m$betweenness,
               tolerance = 1e-12)
  expect_equal(unname(igraph::transitivity(g, type = "local", isolates = "zero")), m$clustering,
               tolerance = 1e-12)
  # NetworkX's closeness (Wasserman-Faust on disconnected graphs) is igraph's closeness
  # within the component times (component size - 1) / (n - 1).
  comp <- igraph::components(g)
  size <- comp$csize[comp$membership]
  n <- igraph::vcount(g)
  wf <- igraph::closeness(g, weights = NA, normalized = TRUE) * (size - 1) / (n - 1)
  wf[size == 1] <- 0
  expect_equal(unname(wf), m$closeness, tolerance = 1e-12)
  expect_equal(unname(igraph::page_rank(g, weights = w, damping = 0.85)$vector), m$pagerank,
               tolerance = 1e-9)
  expect_equal(unname(igraph::harmonic_centrality(g, weights = NA, normalized = TRUE)),
               m$harmonic, tolerance = 1e-12)
  # Components: the same partition.
  expect_identical(as.vector(table(table(comp$membership))),
                   as.vector(table(table(m$component))))
})

test_that("as_igraph's two-mode graph projects to the city graph", {
  net <- bundled("city-diplomacy")
  b <- as_igraph(net, graph = "two-mode")
  g <- as_igraph(net, graph = "projection", metrics = character())
  expect_true(igraph::is_bipartite(b))
  expect_identical(sum(!igraph::V(b)$type), net$info$counts[[1]])
  expect_identical(sum(igraph::V(b)$type), net$info$counts[[2]])
  expect_identical(igraph::V(b)$mode, ifelse(igraph::V(b)$type, "program", "city"))
  expect_equal(igraph::ecount(b), net$info$counts[[3]])
  proj <- igraph::bipartite_projection(b, which = "false", multiplicity = TRUE)
  expect_identical(igraph::ecount(proj), igraph::ecount(g))
  a1 <- igraph::as_adjacency_matrix(proj, attr = "weight", sparse = FALSE)
  a2 <- igraph::as_adjacency_matrix(g, attr = "weight", sparse = FALSE)
  dimnames(a1) <- dimnames(a2) <- NULL
  expect_equal(a1, a2)
  m <- cn_metrics(net, metrics = "programs")
  expect_identical(igraph::V(b)$programs[!igraph::V(b)$type], m$programs)
  expect_equal(as.integer(igraph::degree(b)[!igraph::V(b)$type]), m$programs)
})

test_that("as_igraph's ties, validated and programs graphs", {
  net <- bundled("city-diplomacy")
  ties <- as_igraph(net, graph = "ties")
  m <- cn_metrics(net, metrics = c("ties", "tie_strength"))
  expect_equal(as.integer(igraph::degree(ties)), m$ties)
  v <- as_igraph(net, graph = "validated")
  kept <- cn_backbone(net)
  expect_equal(igraph::ecount(v), nrow(kept))
  expect_identical(igraph::V(v)$degree, cn_metrics(net, graph = "validated")$degree)
  pr <- as_igraph(net, graph = "programs")
  expect_identical(igraph::vcount(pr), net$info$counts[[2]])
})

test_that("as_igraph's attributes match the GraphML export igraph reads", {
  p <- network_path("city-diplomacy")
  f <- tempfile(fileext = ".graphml")
  cli("export", p, "--graph", "projection", "-o", f, "-q")
  x <- igraph::read_graph(f, format = "graphml")
  g <- as_igraph(bundled("city-diplomacy"), graph = "projection")
  expect_identical(igraph::vcount(x), igraph::vcount(g))
  expect_identical(igraph::V(x)$id, igraph::V(g)$id)
  for (a in setdiff(igraph::vertex_attr_names(x), "id")) {
    ours <- igraph::vertex_attr(g, a)
    theirs <- igraph::vertex_attr(x, a)
    if (is.character(theirs)) theirs[theirs == ""] <- NA
    if (is.numeric(theirs)) theirs[is.nan(theirs)] <- NA
    expect_equal(ours, theirs, info = a, ignore_attr = TRUE)
  }
  expect_identical(igraph::ecount(x), igraph::ecount(g))
})

test_that("as_tbl_graph gives the same graph as a tbl_graph", {
  net <- bundled("city-diplomacy")
  tg <- tidygraph::as_tbl_graph(net, graph = "two-mode")
  expect_s3_class(tg, "tbl_graph")
  expect_identical(igraph::vcount(tg), sum(net$info$counts[1:2]))
})

test_that("as_igraph reports a graph it cannot build", {
  air <- bundled("air-2014")
  expect_error(as_igraph(air, graph = "two-mode"), class = "citynet_error")
  expect_error(as_igraph(air, graph = "matrix"), "graph", class = "citynet_error")
})
