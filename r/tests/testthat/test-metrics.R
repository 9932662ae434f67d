test_that("cn_metrics gives the command line's table, column for column and value for value", {
  net <- bundled("city-diplomacy")
  expect_same_table(cn_metrics(net), cli_csv("metrics", network_path("city-diplomacy")))
  air <- bundled("air-2014")
  expect_same_table(cn_metrics(air), cli_csv("metrics", network_path("air-2014")))
  # The large network with the columns that stay fast in a debug build.
  few <- c("degree", "strength", "core", "component", "clustering")
  expect_same_table(
    cn_metrics(bundled("sister-cities"), metrics = few),
    cli_csv("metrics", network_path("sister-cities"), "--metrics", paste(few, collapse = ","))
  )
})

test_that("cn_metrics passes the graph, exactness, year and options of the command line", {
  p <- network_path("city-diplomacy")
  net <- bundled("city-diplomacy")
  cols <- c("degree", "strength", "betweenness", "closeness")
  expect_same_table(cn_metrics(net, metrics = cols, graph = "validated", alpha = 0.1),
                    cli_csv("metrics", p, "--metrics", paste(cols, collapse = ","),
                            "--graph", "validated", "--alpha", "0.1"))
  expect_same_table(cn_metrics(net, metrics = cols, exact = TRUE),
                    cli_csv("metrics", p, "--metrics", paste(cols, collapse = ","), "--exact"))
  old <- cn_read(p, as_of = 2014)
  expect_same_table(cn_metrics(old, metrics = cols),
                    cli_csv("metrics", p, "--as-of", "2014", "--metrics",
                            paste(cols, collapse = ",")))
})

test_that("cn_metrics errors name what is wrong", {
  net <- bundled("city-diplomacy")
  expect_error(cn_metrics(net, metrics = "no_such_metric"), "no_such_metric",
               class = "citynet_error")
  expect_error(cn_metrics(net, graph = "two-mode"), "graph", class = "citynet_error")
  expect_error(cn_metrics(net, epsilon = 2), "epsilon", class = "citynet_error")
  expect_error(cn_metrics(net, NULL, "projection", NULL, 5), "named", class = "citynet_error")
})
