test_that("cn_backbone gives the command line's pairs for every model and correction", {
  p <- network_path("city-diplomacy")
  net <- bundled("city-diplomacy")
  expect_same_table(cn_backbone(net, all_pairs = TRUE), cli_csv("backbone", p, "--all-pairs"))
  expect_same_table(cn_backbone(net), cli_csv("backbone", p))
  cases <- list(
    list(args = list(model = "fixedrow", mtc = "none", alpha = 0.2),
         flags = c("--model", "fixedrow", "--correction", "none", "--alpha", "0.2")),
    list(args = list(model = "sdsm", mtc = "holm", pvalue = "rna", tests = "all"),
         flags = c("--correction", "holm", "--pvalue", "rna", "--tests", "all")),
    list(args = list(model = "disparity", mtc = "bonferroni"),
         flags = c("--model", "disparity", "--correction", "bonferroni")),
    list(args = list(model = "threshold", min_weight = 2),
         flags = c("--model", "threshold", "--min-weight", "2"))
  )
  for (case in cases) {
    ours <- do.call(cn_backbone, c(list(net, all_pairs = TRUE), case$args))
    expect_same_table(ours, do.call(cli_csv, as.list(c("backbone", p, "--all-pairs",
                                                       case$flags))))
  }
  # backbone's "BH" is the FDR correction.
  expect_identical(cn_backbone(net, mtc = "BH", all_pairs = TRUE),
                   cn_backbone(net, mtc = "fdr", all_pairs = TRUE))
  # Edge lists: the disparity filter of the ties.
  expect_same_table(cn_backbone(bundled("air-2014"), model = "disparity"),
                    cli_csv("backbone", network_path("air-2014"), "--model", "disparity"))
})

test_that("cn_backbone(class = \"igraph\") holds the kept pairs on every city", {
  net <- bundled("city-diplomacy")
  pairs <- cn_backbone(net, model = "fixedrow", alpha = 0.5, mtc = "none")
  g <- cn_backbone(net, model = "fixedrow", alpha = 0.5, mtc = "none", class = "igraph")
  expect_identical(igraph::vcount(g), net$info$counts[[1]])
  expect_equal(igraph::ecount(g), nrow(pairs))
  ends <- igraph::ends(g, igraph::E(g), names = FALSE)
  expect_identical(igraph::V(g)$label[ends[, 1]], pairs$city_a)
  expect_identical(igraph::V(g)$label[ends[, 2]], pairs$city_b)
  expect_identical(igraph::E(g)$p_value, pairs$p_value)
})

test_that("cn_backbone rejects what it cannot do", {
  net <- bundled("city-diplomacy")
  expect_error(cn_backbone(net, signed = TRUE), "signed", class = "citynet_error")
  expect_error(cn_backbone(net, mtc = "BY"), "mtc", class = "citynet_error")
  expect_error(cn_backbone(net, alpha = 2), "alpha", class = "citynet_error")
  expect_error(cn_backbone(net, model = "threshold"), "min-weight", class = "citynet_error")
  expect_error(cn_backbone(bundled("air-2014"), model = "sdsm"), "needs programs",
               class = "citynet_error")
})
