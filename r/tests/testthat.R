library(testthat)
library(citynet)

test_check("citynet")
