package main

import (
	"fmt"
	"os"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/planner/programme"
)

// The scorecard's two small tables are read by package csvio; these open
// the files.

// openSmall opens a small input table.
func openSmall(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", table.ErrUnreadable, err)
	}
	return f, nil
}

// readCountyTable reads the county table at path.
func readCountyTable(path string) ([]programme.CountyFacts, error) {
	f, err := openSmall(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return csvio.ReadCountyTable(f, path)
}

// readPreviousCards reads last year's scorecard CSV at path.
func readPreviousCards(path string) (map[string]bool, error) {
	f, err := openSmall(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return csvio.ReadPreviousCards(f, path)
}
