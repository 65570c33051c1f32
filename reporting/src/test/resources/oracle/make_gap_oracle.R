#!/usr/bin/Rscript
# Writes gap-oracle.json: small datasets with what R's cluster::clusGap (Debian's r-cran-cluster
# 2.1.4) computes for them, with the reference datasets it drew and every clustering it used, so
# that the Java gap statistic can be fed the same references and labels and must agree.
#
# clusGap(d.power = 2, spaceH0 = "original") is the paper's statistic: squared Euclidean
# distances, references uniform over the bounding box of the data. Its W is half the paper's
# (0.5 * sum over clusters of the pairwise squared distances over n_r, each pair counted once),
# which shifts log W and E log W* by log 2 and leaves the gap and its spread unchanged.
#
# Run from this folder:  Rscript make_gap_oracle.R
library(cluster)
library(jsonlite)

calls <- list()
# k-means with 10 starts; every clustering clusGap asks for is recorded in call order: the data
# for k = 2..K.max, then each reference for k = 2..K.max (k = 1 is one cluster, no call).
recording_kmeans <- function(x, k) {
  cl <- kmeans(x, k, nstart = 10, iter.max = 100)$cluster
  calls[[length(calls) + 1]] <<- list(k = k, cluster = as.integer(cl) - 1L, x = x)
  list(cluster = cl)
}

gap_case <- function(name, x, k_max, b) {
  calls <<- list()
  g <- clusGap(x, recording_kmeans, K.max = k_max, B = b, d.power = 2, spaceH0 = "original", verbose = FALSE)
  tab <- g$Tab
  per <- k_max - 1
  labels_of <- function(first) {
    out <- list("1" = rep(0L, nrow(x)))
    for (i in seq_len(per)) {
      out[[as.character(calls[[first + i - 1]]$k)]] <- calls[[first + i - 1]]$cluster
    }
    out
  }
  refs <- list()
  for (r in seq_len(b)) {
    first <- per + (r - 1) * per + 1
    refs[[r]] <- list(rows = unname(calls[[first]]$x), labels = labels_of(first))
  }
  list(name = name, kMax = k_max, references = b,
       data = unname(x), labels = labels_of(1), refs = refs,
       logW = unname(tab[, "logW"]), meanLogWRef = unname(tab[, "E.logW"]),
       gap = unname(tab[, "gap"]), se = unname(tab[, "SE.sim"]),
       tibs2001 = maxSE(tab[, "gap"], tab[, "SE.sim"], method = "Tibs2001SEmax"))
}

set.seed(20260502)
# Rows on a 1/256 grid, so that they are the same numbers as float32.
grid <- function(v) round(v * 256) / 256
blobs <- grid(rbind(cbind(rnorm(12, 0, 0.4), rnorm(12, 0, 0.4)),
                    cbind(rnorm(12, 4, 0.4), rnorm(12, 0, 0.4)),
                    cbind(rnorm(12, 2, 0.4), rnorm(12, 3.5, 0.4))))
one <- grid(cbind(rnorm(30, 1, 1), rnorm(30, -1, 1), rnorm(30, 0, 1)))

cases <- list(gap_case("three-blobs-2d", blobs, 6, 10),
              gap_case("one-blob-3d", one, 4, 12))
writeLines(toJSON(list(generator = paste("R", getRversion(), "cluster", packageVersion("cluster")),
                       cases = cases), auto_unbox = TRUE, digits = NA), "gap-oracle.json")
