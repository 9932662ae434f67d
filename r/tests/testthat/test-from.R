test_that("cn_from_data_frame gives the network the command line reads from the same table", {
  mem <- utils::read.csv(file.path(network_path("city-diplomacy"), "memberships.csv"),
                         check.names = FALSE)
  net <- cn_from_data_frame(mem, city = "city", program = "program", country = "country")
  f <- tempfile(fileext = ".csv")
  utils::write.csv(mem, f, row.names = FALSE, na = "", fileEncoding = "UTF-8")
  expect_same_table(cn_metrics(net), cli_csv("metrics", f, "--kind", "membership-table"))
})

test_that("cn_from_data_frame reads edge lists and names the data frame in messages", {
  ties <- utils::read.csv(file.path(network_path("air-2014"), "ties.csv"))
  net <- cn_from_data_frame(ties, source = "city_a", target = "city_b", weight = "weight")
  f <- tempfile(fileext = ".csv")
  utils::write.csv(ties, f, row.names = FALSE, na = "", fileEncoding = "UTF-8")
  expect_same_table(
    cn_metrics(net, metrics = c("degree", "strength", "core")),
    cli_csv("metrics", f, "--kind", "edge-list", "--source-col", "city_a", "--target-col",
            "city_b", "--metrics", "degree,strength,core")
  )
  bad <- data.frame(city = c("Paris", "Lyon"), program = c("C40", "Eurocities"),
                    w = c(1, -2))
  err <- expect_error(cn_from_data_frame(bad, weight = "w", strict = TRUE),
                      class = "citynet_error")
  expect_match(conditionMessage(err), "data frame `bad`", fixed = TRUE)
  expect_error(cn_from_data_frame(bad, city = "town"), "no column \"town\"",
               class = "citynet_error")
})

test_that("cn_from_igraph reads two-mode and one-mode igraph graphs", {
  net <- bundled("city-diplomacy")
  b <- as_igraph(net, graph = "two-mode", metrics = character())
  back <- cn_from_igraph(b)
  m1 <- cn_metrics(net, metrics = c("programs", "degree", "strength"))
  m2 <- cn_metrics(back, metrics = c("programs", "degree", "strength"))
  key1 <- paste(m1$city, m1$country)
  key2 <- paste(m2$city, m2$country)
  expect_setequal(key1, key2)
  o <- match(key1, key2)
  for (col in c("programs", "degree", "strength")) {
    expect_identical(m2[[col]][o], m1[[col]], info = col)
  }
  # igraph's own bipartite convention (logical type) is read too.
  b2 <- igraph::delete_vertex_attr(igraph::delete_vertex_attr(b, "bipartite"), "mode")
  expect_identical(cn_metrics(cn_from_igraph(b2), metrics = "degree")$degree, m2$degree)
  # A one-mode graph: its edges are ties.
  g <- igraph::make_graph(~ A - B, B - C, C - A, C - D)
  one <- cn_from_igraph(g)
  m <- cn_metrics(one, metrics = c("degree"))
  expect_identical(m$degree[match(c("A", "B", "C", "D"), m$node)],
                   as.integer(igraph::degree(g)[c("A", "B", "C", "D")]))
  expect_error(cn_from_igraph(data.frame()), "igraph", class = "citynet_error")
})
