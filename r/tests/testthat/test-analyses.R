test_that("cn_robustness gives the command line's table and summary", {
  p <- network_path("city-diplomacy")
  net <- bundled("city-diplomacy")
  ours <- cn_robustness(net, metric = "degree", replicates = 40, seed = 7,
                        pair = c("Paris", "London"))
  dir <- tempfile()
  cli("robustness", p, "--metric", "degree", "--replicates", "40", "--seed", "7",
      "--pair", "Paris,London", "--raw-csv", "-o", dir, "-q")
  table <- ours
  attr(table, "summary") <- NULL
  expect_same_table(table, file.path(dir, "robustness.csv"))
  summary <- attr(ours, "summary")
  expect_identical(summary, citynet:::cn_rs_read_json(file.path(dir, "robustness.json")))
  json <- paste(readLines(file.path(dir, "robustness.json")), collapse = "\n")
  expect_match(json, sprintf('"replicates": %d', 40L), fixed = TRUE)
  expect_true(is.list(summary$pair))
})

test_that("graph = \"validated\" ranks on the validated projection; projection = still works", {
  p <- network_path("city-diplomacy")
  net <- bundled("city-diplomacy")
  ours <- cn_robustness(net, metric = "degree", graph = "validated", replicates = 10)
  expect_same_table(structure(ours, summary = NULL),
                    cli_csv("robustness", p, "--metric", "degree", "--graph", "validated",
                            "--replicates", "10"))
  # SDSM keeps no pair of the bundled network: every validated degree is 0, unlike G's.
  expect_true(all(ours$value == 0))
  expect_false(all(cn_robustness(net, metric = "degree", replicates = 10)$value == 0))
  expect_warning(old <- cn_robustness(net, metric = "degree", projection = "validated",
                                      replicates = 10),
                 "`projection` is deprecated")
  expect_identical(old, ours)
  expect_warning(cn_connectivity(net, projection = "plain", dyads = 5), "graph = \"projection\"")
  expect_error(cn_connectivity(net, graph = "ties"), "graph", class = "citynet_error")
})

test_that("cn_connectivity gives the command line's tables", {
  p <- network_path("city-diplomacy")
  ours <- cn_connectivity(bundled("city-diplomacy"), group = "region",
                          hinterworld = "Paris", dyads = 10)
  dir <- tempfile()
  cli("connectivity", p, "--group", "region", "--hinterworld", "Paris", "--dyads", "10",
      "--raw-csv", "-o", dir, "-q")
  files <- sort(list.files(dir, pattern = "[.]csv$"))
  expect_identical(names(ours), sub("[.]csv$", "", files))
  expect_true("hinterworld" %in% names(ours))
  for (f in files) {
    expect_same_table(ours[[sub("[.]csv$", "", f)]], file.path(dir, f))
  }
})

test_that("cn_brokerage gives the command line's table", {
  p <- network_path("city-diplomacy")
  net <- bundled("city-diplomacy")
  expect_same_table(cn_brokerage(net, group = "region"),
                    cli_csv("brokerage", p, "--group", "region"))
  expect_same_table(cn_brokerage(net, group = "country", graph = "ties"),
                    cli_csv("brokerage", p, "--group", "country", "--graph", "ties"))
})

test_that("the analyses report bad arguments", {
  net <- bundled("city-diplomacy")
  expect_error(cn_robustness(net, metric = "no_such"), "--metric", class = "citynet_error")
  expect_error(cn_robustness(bundled("air-2014")), "needs an input with programs",
               class = "citynet_error")
  expect_error(cn_robustness(net, pair = "Paris"), "pair", class = "citynet_error")
  expect_error(cn_connectivity(net, hinterworld = "Atlantis"), "Atlantis",
               class = "citynet_error")
  expect_error(cn_brokerage(net, group = "no_such_column"), "no_such_column",
               class = "citynet_error")
})
