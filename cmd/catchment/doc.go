// Command catchment analyses emergency coverage of rural health facilities
// and proposes county sub-centres and village clinic plans.
//
// Subcommands: coverage, plan, map, serve and sample; `catchment --help` lists
// them and `catchment COMMAND --help` explains every flag with examples.
// Every subcommand works with no input files on the embedded sample.
//
// The package is the edge of the program: flags become library calls
// (package planner for the analysis, package data for files, package server
// for HTTP), and errors become exit statuses in one place (exit.go): 0 ok,
// 2 usage or unreadable input, 3 invalid data, 4 output not written,
// 130 interrupted.
package main
