package osm

import "errors"

// Sentinel errors returned (wrapped) by Read and Load.
var (
	// ErrUnreadable means the input could not be opened or read; it wraps
	// the underlying os or io error as well.
	ErrUnreadable = errors.New("osm: input unreadable")
	// ErrFormat means the input is not OSM PBF or XML, or is corrupt, or an
	// option is invalid.
	ErrFormat = errors.New("osm: unsupported or malformed input")
	// ErrUnsorted means a node came after a way: the reader needs the
	// standard order (nodes, then ways); "osmium sort" writes it.
	ErrUnsorted = errors.New("osm: input not sorted (a node after a way)")
	// ErrNoRoads means the input was read but no routable way was kept;
	// the Report says why each way was skipped.
	ErrNoRoads = errors.New("osm: no routable road in the region")
)
