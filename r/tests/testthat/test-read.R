test_that("cn_read reads the bundled networks as the command line does", {
  for (name in c("city-diplomacy", "air-2014", "sister-cities")) {
    net <- bundled(name)
    expect_s3_class(net, "citynet_network")
    said <- paste(cli("validate", network_path(name)), collapse = "\n")
    expect_match(said, paste0(": valid: ", net$info$description, ";"), fixed = TRUE)
  }
})

test_that("the package's copy of city-diplomacy is the repository's", {
  copy <- system.file("extdata", "city-diplomacy", package = "citynet")
  files <- list.files(copy)
  expect_setequal(files, c("README.md", "cities.csv", "memberships.csv", "network.toml",
                           "programs.csv", "ties.csv"))
  for (f in files) {
    expect_identical(readBin(file.path(copy, f), "raw", 1e7),
                     readBin(file.path(network_path("city-diplomacy"), f), "raw", 1e7),
                     info = f)
  }
})

test_that("input options are the command line's", {
  f <- tempfile(fileext = ".csv")
  mem <- utils::read.csv(file.path(network_path("city-diplomacy"), "memberships.csv"))
  # One row per city, its programs in one cell, under other column names.
  cells <- tapply(mem$program, paste(mem$city, mem$country, sep = "\t"), paste, collapse = ";")
  keys <- do.call(rbind, strsplit(names(cells), "\t"))
  df <- data.frame(Locality = keys[, 1], Nation = keys[, 2], Networks = unname(cells))
  utils::write.csv(df, f, row.names = FALSE, fileEncoding = "UTF-8")
  net <- cn_read(f, city_col = "Locality", country_col = "Nation", program_col = "Networks",
                 program_sep = ";")
  ours <- cn_metrics(net, metrics = c("programs", "degree", "strength"))
  expect_same_table(ours, cli_csv("metrics", f, "--city-col", "Locality", "--country-col",
                                  "Nation", "--program-col", "Networks", "--program-sep", ";",
                                  "--metrics", "programs,degree,strength"))
  # The same memberships as the network folder.
  folder <- cn_metrics(bundled("city-diplomacy"), metrics = c("programs", "degree"))
  expect_identical(sum(ours$programs), sum(folder$programs))
})

test_that("the reader's warnings are R warnings, the command line's lines", {
  f <- tempfile(fileext = ".csv")
  writeLines(c("city,program", "Paris,C40;Eurocities", "Lyon,Eurocities;ICLEI",
               "Rome,C40;ICLEI", "Milan,C40;Eurocities"), f)
  expect_warning(cn_read(f), "--program-sep")
  got <- collect_warnings(cn_read(f))$warnings
  expect_identical(got, cli_warnings(f))
  # An edge list whose names are written in several ways and whose pairs repeat.
  ties <- file.path(network_path("air-2014"), "ties.csv")
  got <- collect_warnings(cn_read(ties, kind = "edge-list", source_col = "city_a",
                                  target_col = "city_b"))$warnings
  want <- cli_warnings(ties, "--kind", "edge-list", "--source-col", "city_a", "--target-col",
                       "city_b")
  expect_gt(length(want), 5L)
  expect_identical(got, want)
})

test_that("rows left out are a warning, listed with rejected =, and an error with strict", {
  f <- tempfile(fileext = ".csv")
  writeLines(c("city,program,weight", "Paris,C40,2", "Lyon,Eurocities,heavy",
               "Rome,C40,1"), f)
  expect_warning(net <- cn_read(f), "1 of 3 rows rejected")
  expect_identical(net$info$counts[[1]], 2L)
  listed <- tempfile(fileext = ".csv")
  expect_warning(cn_read(f, rejected = listed), "1 of 3 rows rejected")
  rejected <- read_text(listed)
  expect_identical(nrow(rejected), 1L)
  expect_identical(rejected$line, "3")
  err <- expect_error(cn_read(f, strict = TRUE), class = "citynet_error")
  expect_match(conditionMessage(err), basename(f), fixed = TRUE)
  expect_match(conditionMessage(err), ":3")
  expect_match(conditionMessage(err), "heavy")
})

test_that("bad inputs and arguments are citynet_error conditions", {
  expect_error(cn_read(file.path(tempdir(), "no-such-file.csv")), "no such file",
               class = "citynet_error")
  expect_error(cn_read(network_path("city-diplomacy"), kind = "spreadsheet"), "kind",
               class = "citynet_error")
  expect_error(cn_read(network_path("city-diplomacy"), encoding = "no-such-encoding"),
               class = "citynet_error")
  expect_error(cn_metrics(list()), "citynet network", class = "citynet_error")
})
