# The tests compare the package with the citynet command line on the repository's bundled
# networks. CITYNET_REPO names the repository (default: the first folder above the working
# folder that holds networks/ and Cargo.toml) and CITYNET_BIN the program (default:
# target/debug/citynet or target/release/citynet under CARGO_TARGET_DIR or the repository).
# Without them the tests fail: they never skip.

repo_root <- function() {
  env <- Sys.getenv("CITYNET_REPO")
  if (nzchar(env)) {
    return(normalizePath(env, mustWork = TRUE))
  }
  d <- normalizePath(getwd())
  repeat {
    if (file.exists(file.path(d, "networks", "city-diplomacy", "network.toml")) &&
        file.exists(file.path(d, "Cargo.toml"))) {
      return(d)
    }
    up <- dirname(d)
    if (up == d) break
    d <- up
  }
  stop("the tests compare with the citynet command line on the repository's networks/: ",
       "set CITYNET_REPO to the repository folder")
}

network_path <- function(name) {
  file.path(repo_root(), "networks", name)
}

cli_bin <- function() {
  env <- Sys.getenv("CITYNET_BIN")
  if (nzchar(env)) {
    return(normalizePath(env, mustWork = TRUE))
  }
  target <- Sys.getenv("CARGO_TARGET_DIR")
  if (!nzchar(target)) target <- file.path(repo_root(), "target")
  for (p in file.path(target, c("debug", "release"), "citynet")) {
    if (file.exists(p)) return(p)
  }
  on_path <- Sys.which("citynet")
  if (nzchar(on_path)) return(unname(on_path))
  stop("no citynet program: build it (cargo build) or set CITYNET_BIN")
}

# Runs the command line; fails the test with its stderr when it does not exit 0.
cli <- function(...) {
  args <- c(...)
  err <- tempfile()
  on.exit(unlink(err))
  out <- suppressWarnings(system2(cli_bin(), shQuote(args), stdout = TRUE, stderr = err))
  status <- attr(out, "status")
  if (!is.null(status) && status != 0) {
    stop("citynet ", paste(args, collapse = " "), " exited ", status, ":\n",
         paste(readLines(err), collapse = "\n"))
  }
  invisible(out)
}

# The CLI's CSV with every cell as text, and (independently of the package) R's own reading.
cli_csv <- function(...) {
  f <- tempfile(fileext = ".csv")
  cli(..., "--raw-csv", "-o", f, "-q")
  f
}

read_text <- function(f) {
  utils::read.csv(f, colClasses = "character", check.names = FALSE, na.strings = character(),
                  encoding = "UTF-8")
}

# Asserts that a data.frame from the package has the CLI table's columns in order and its
# values: text cells as written; true/false as logical; numbers identical to the CLI's shortest round-trip text
# parsed correctly rounded (by Rust's parser), and equal to R's own reading of the text to
# 1e-15; an empty cell is NA.
expect_same_table <- function(df, csv_file) {
  text <- read_text(csv_file)
  expect_identical(names(df), names(text))
  expect_identical(nrow(df), nrow(text))
  exact <- citynet:::cn_rs_read_csv(csv_file)
  for (col in names(text)) {
    x <- df[[col]]
    cells <- text[[col]]
    if (is.character(x)) {
      expect_identical(x, cells, info = col)
    } else if (is.logical(x)) {
      expect_identical(ifelse(is.na(x), "", ifelse(x, "true", "false")), cells, info = col)
    } else {
      expect_identical(is.na(x), cells == "", info = col)
      expect_identical(as.double(x), as.double(exact[[col]]), info = col)
      expect_equal(as.double(x), suppressWarnings(as.numeric(cells)), tolerance = 1e-15,
                   info = col)
    }
  }
}

bundled <- function(name) {
  cn_read(network_path(name))
}

# The value of `expr` and the messages of the warnings it gave (which are not passed on).
collect_warnings <- function(expr) {
  said <- character()
  value <- withCallingHandlers(expr, warning = function(w) {
    said <<- c(said, conditionMessage(w))
    invokeRestart("muffleWarning")
  })
  list(value = value, warnings = said)
}

# The warning lines `citynet validate` prints for the same input.
cli_warnings <- function(...) {
  said <- suppressWarnings(system2(cli_bin(), shQuote(c("validate", ...)), stdout = TRUE,
                                   stderr = TRUE))
  sub("^warning: ", "", grep("^warning: ", said, value = TRUE))
}
