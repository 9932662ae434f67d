test_that("cn_figure writes the command line's figure", {
  p <- network_path("city-diplomacy")
  net <- bundled("city-diplomacy")
  for (case in list(c(view = "network", ext = ".svg"), c(view = "rank", ext = ".png"),
                    c(view = "bipartite", ext = ".pdf"))) {
    ours <- cn_figure(net, view = case[["view"]], file = tempfile(fileext = case[["ext"]]))
    theirs <- tempfile(fileext = case[["ext"]])
    cli("render", p, "--view", case[["view"]], "-o", theirs, "-q")
    a <- readBin(ours, "raw", file.size(ours))
    b <- readBin(theirs, "raw", file.size(theirs))
    if (case[["ext"]] == ".pdf") {
      # Only the creation date may differ.
      strip <- function(x) gsub("/CreationDate \\([^)]*\\)", "", rawToChar(x[x != as.raw(0)]))
      expect_identical(strip(a), strip(b))
      expect_identical(rawToChar(a[1:5]), "%PDF-")
    } else {
      expect_identical(a, b, info = case[["view"]])
    }
  }
  ego <- cn_figure(net, view = "ego", file = tempfile(fileext = ".svg"), city = "Paris",
                   depth = 1)
  theirs <- tempfile(fileext = ".svg")
  cli("render", p, "--view", "ego", "--city", "Paris", "--depth", "1", "-o", theirs, "-q")
  expect_identical(readLines(ego), readLines(theirs))
  expect_true(file.exists(cn_figure(net, view = "degrees")))
  expect_error(cn_figure(net, view = "ego"), "city", class = "citynet_error")
  expect_error(cn_figure(net, view = "pie"), "view", class = "citynet_error")
})

test_that("cn_analyze writes the command line's result folder", {
  p <- network_path("city-diplomacy")
  net <- bundled("city-diplomacy")
  ours <- cn_analyze(net, out = tempfile(), figures = FALSE)
  theirs <- tempfile()
  cli("analyze", p, "--out", theirs, "--no-figures", "--raw-csv", "-q")
  expect_setequal(ours$files, list.files(theirs, recursive = TRUE))
  for (f in c("cities.csv", "programs.csv", "backbone.csv", "robustness.csv")) {
    if (file.exists(file.path(theirs, f))) {
      expect_identical(readLines(file.path(ours$dir, f)), readLines(file.path(theirs, f)),
                       info = f)
    }
  }
  expect_same_table(ours$cities, file.path(theirs, "cities.csv"))
  expect_identical(ours$summary$counts$cities, net$info$counts[[1]])
})
