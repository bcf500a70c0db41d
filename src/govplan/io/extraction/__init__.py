"""Text extraction: from a plan or report as written to a draft with spans."""
