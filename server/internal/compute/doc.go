// Package compute is what a run of the server computes and writes: the
// planner's coverage, plan and programme (budget, phase, quota, scorecard)
// computations on a parsed dataset, and their result files, written by
// the command line's writers (data/geojsonio, data/csvio, data/summary,
// data/report) so that a result fetched over HTTP is the file `catchment
// coverage` or `catchment plan` writes for the same input and figures.
//
// Run writes the results of one run into a directory it is given (the
// server's temporary directory, renamed into place when complete), each
// file atomically; it stops between files when its context is done, and
// reports its progress in a Progress that the server shows. Names lists
// the result names of each kind. It keeps no state and knows no HTTP, no
// database and no data directory: which runs to compute, in what order,
// with what memory, and what becomes of their files is package server's.
//
// Errors are the planner's and the writers' (and the context's), wrapped
// as they come; a plan result the writers did not write is an error.
package compute
