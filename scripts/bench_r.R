# The R package beside R's tools: cn_backbone(model = "sdsm") on whole membership tables (and
# the citynet program on the same table), then cn_metrics beside igraph's centralities on the
# city projection of the first N cities of a table (igraph on the graph as_igraph() hands it).
#
# Rscript scripts/bench_r.R TABLE.csv CITY_COL PROGRAM_COL COUNTRY_COL [PROGRAM_SEP] [N]
#   with the package installed (R CMD INSTALL r; release profile) and CITYNET_BIN naming the
#   release citynet program. Prints one line per measurement: what, elapsed seconds, CPU
#   seconds (this process and its children, every thread), details.
suppressPackageStartupMessages({
  library(citynet)
  library(igraph)
})
args <- commandArgs(trailingOnly = TRUE)
table <- args[[1]]
city_col <- args[[2]]
program_col <- args[[3]]
country_col <- args[[4]]
program_sep <- if (length(args) >= 5 && nzchar(args[[5]])) args[[5]] else NULL
n_cities <- if (length(args) >= 6) as.integer(args[[6]]) else 2000L
bin <- Sys.getenv("CITYNET_BIN")

timed <- function(what, expr, details = function(x) "") {
  t <- system.time(x <- force(expr))
  cpu <- sum(t[c("user.self", "sys.self", "user.child", "sys.child")], na.rm = TRUE)
  cat(sprintf("%-44s %7.2f s %7.2f CPU-s  %s\n", what, t[["elapsed"]], cpu, details(x)))
  invisible(x)
}

read <- function(path) {
  suppressWarnings(cn_read(path, city_col = city_col, program_col = program_col,
                           country_col = country_col, program_sep = program_sep))
}

cat("table:", basename(table), "\n")
net <- timed("cn_read", read(table), function(x) x$info$description)
timed("cn_backbone(model = \"sdsm\")", cn_backbone(net, model = "sdsm", alpha = 0.05,
                                                   mtc = "fdr"),
      function(x) paste(nrow(x), "pairs kept"))
if (nzchar(bin)) {
  flags <- c("--city-col", city_col, "--program-col", program_col, "--country-col", country_col,
             if (!is.null(program_sep)) c("--program-sep", program_sep))
  out <- tempfile(fileext = ".csv")
  timed("citynet backbone (program, same table)",
        system2(bin, c("backbone", shQuote(table), shQuote(flags), "-o", out, "-q")))
}

# The first n_cities cities by name, all their memberships.
df <- utils::read.csv(table, sep = if (grepl(";", readLines(table, 1))) ";" else ",",
                      check.names = FALSE, encoding = "UTF-8")
keep <- sort(unique(df[[city_col]]))[seq_len(min(n_cities, length(unique(df[[city_col]]))))]
sub <- df[df[[city_col]] %in% keep, c(city_col, country_col, program_col)]
small <- suppressWarnings(cn_from_data_frame(sub, city = city_col, program = program_col,
                                             country = country_col, program_sep = program_sep))
cat("subset:", small$info$description, "\n")
cols <- c("degree", "strength", "betweenness", "closeness", "pagerank", "core")
m <- timed("cn_metrics (6 columns, with the projection)",
           cn_metrics(small, metrics = cols, exact = TRUE))
g <- timed("as_igraph(net, \"projection\")", as_igraph(small, metrics = character()),
           function(x) paste(vcount(x), "vertices,", ecount(x), "edges"))
b <- as_igraph(small, graph = "two-mode", metrics = character())
timed("igraph::bipartite_projection", bipartite_projection(b, which = "false",
                                                           multiplicity = TRUE))
w <- E(g)$weight
ig <- list()
ig$degree <- timed("igraph degree", degree(g))
ig$strength <- timed("igraph strength", strength(g, weights = w))
ig$betweenness <- timed("igraph betweenness", betweenness(g, weights = NA, normalized = TRUE))
ig$closeness <- timed("igraph closeness", closeness(g, weights = NA, normalized = TRUE))
ig$pagerank <- timed("igraph page_rank", page_rank(g, weights = w)$vector)
ig$core <- timed("igraph coreness", coreness(g))
cat(sprintf("largest |citynet - igraph| betweenness %.3g, strength %.3g, degree %.3g\n",
            max(abs(m$betweenness - ig$betweenness)), max(abs(m$strength - ig$strength)),
            max(abs(m$degree - ig$degree))))
