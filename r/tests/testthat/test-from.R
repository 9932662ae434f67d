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
  read <- collect_warnings(cn_from_data_frame(ties, source = "city_a", target = "city_b",
                                              weight = "weight"))
  net <- read$value
  f <- tempfile(fileext = ".csv")
  utils::write.csv(ties, f, row.names = FALSE, na = "", fileEncoding = "UTF-8")
  # The command line's warnings, with the file named as the data frame and lines as rows.
  want <- cli_warnings(f, "--kind", "edge-list", "--source-col", "city_a", "--target-col",
                       "city_b")
  expect_identical(length(read$warnings), length(want))
  expect_match(read$warnings[[2]], "^data frame `ties`, row [0-9]+: repeats the pair")
  expect_same_table(
    cn_metrics(net, metrics = c("degree", "strength", "core")),
    cli_csv("metrics", f, "--kind", "edge-list", "--source-col", "city_a", "--target-col",
            "city_b", "--metrics", "degree,strength,core")
  )
  bad <- data.frame(city = c("Paris", "Lyon"), program = c("C40", "Eurocities"),
                    w = c(1, -2))
  err <- expect_error(cn_from_data_frame(bad, weight = "w", strict = TRUE),
                      class = "citynet_error")
  expect_match(conditionMessage(err), "data frame `bad`, row 2", fixed = TRUE)
  expect_error(cn_from_data_frame(bad, city = "town"), "no column \"town\"",
               class = "citynet_error")
})

test_that("cn_from_igraph reads two-mode and one-mode igraph graphs", {
  net <- bundled("city-diplomacy")
  b <- as_igraph(net, graph = "two-mode", metrics = character())
  # The program nodes carry `members`, a column citynet computes itself: not read, and said.
  expect_warning(back <- cn_from_igraph(b), "igraph object `b`: node attributes members")
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
  expect_warning(from_type <- cn_from_igraph(b2), "the igraph object|igraph object `b2`")
  expect_identical(cn_metrics(from_type, metrics = "degree")$degree, m2$degree)
  # A one-mode graph: its edges are ties.
  g <- igraph::make_graph(~ A - B, B - C, C - A, C - D)
  one <- cn_from_igraph(g)
  m <- cn_metrics(one, metrics = c("degree"))
  expect_identical(m$degree[match(c("A", "B", "C", "D"), m$node)],
                   as.integer(igraph::degree(g)[c("A", "B", "C", "D")]))
  expect_error(cn_from_igraph(data.frame()), "igraph", class = "citynet_error")
})
