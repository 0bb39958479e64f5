// Package server is catchment's HTTP API, what `catchment serve` runs: the
// command line's coverage and planning jobs for notebooks, scripts and the
// web page (package web, served at "/").
//
// Routes (all described in /api/v1/openapi.json):
//
//	GET    /healthz                          liveness; never needs the token
//	GET    /, /static/..., /style.json       the web page; never needs the token
//	GET    /api/v1/datasets                  {"datasets": [...]}, the sample first
//	POST   /api/v1/datasets                  upload villages + facilities [+ boundaries] [+ roads] (multipart)
//	GET    /api/v1/datasets/{id}             one dataset with its read reports
//	DELETE /api/v1/datasets/{id}             not the sample (409)
//	GET    /api/v1/datasets/{id}/coverage    synchronous coverage, streamed
//	GET    /api/v1/datasets/{id}/rejections.csv every rejected row of the upload
//	GET    /api/v1/datasets/{id}/roads.geojson  its road network's lines, simplified and bounded
//	POST   /api/v1/runs                      queue a coverage or plan run
//	GET    /api/v1/runs                      {"runs": [...]}, newest first
//	GET    /api/v1/runs/{id}                 status, progress, params, result URLs
//	DELETE /api/v1/runs/{id}                 a run and its results (409 while running)
//	POST   /api/v1/runs/{id}/cancel          end a queued or running run as failed
//	GET    /api/v1/runs/{id}/{name}          one result file
//
// The server adds no computation of its own: uploads go through the
// command line's readers and validation (data.ReadVillages,
// data.ReadFacilities), plans through planner.Scenario.Resolve and
// planner.RunScenario, coverage through planner.Coverage, and results are
// written by the command line's writers, so a result fetched over HTTP is
// the file `catchment coverage` or `catchment plan` writes for the same
// input and figures.
//
// Persistence. Everything lives in Config.DataDir: catchment.db (SQLite,
// the pure-Go modernc.org/sqlite; package internal/store) records
// datasets and runs; each uploaded
// dataset is kept as its canonical CSV tables (csvio.WriteVillagesCSV,
// csvio.WriteFacilitiesCSV) under datasets/ID/, and every computation reads
// those tables, so results are the same before and after a restart. Run
// results are written under a temporary name and renamed to runs/ID/ when
// complete; the database marks the run done after that. A run found queued
// or running at startup was interrupted by a crash: it is marked failed
// ("interrupted by a restart"), never resumed silently or lost. One data
// directory serves one server process at a time: New takes an exclusive
// flock on DataDir/lock before any of that recovery, and a second server
// gets ErrDataDirLocked without touching the first one's runs. Finished
// runs beyond Config.KeepRuns are deleted, oldest first, when a run ends,
// before that run is shown finished; DELETE /api/v1/runs/{id} deletes one
// (a queued one is cancelled). A run always ends done or failed: when the
// database cannot record the end (a full disk), the end is kept in memory,
// shown by GET, and written by the next write that succeeds.
//
// Bounded cost. Config.MaxMemoryBytes is a budget of estimated working
// memory (memory.go, package internal/budget): uploads and coverage requests that would pass it
// get 503 with Retry-After, queued runs wait. At most MaxRadii radii per
// request and Config.MaxColumns columns per uploaded table (422); read
// reports list the first maxReportRows rejected rows per table and count
// the rest by reason (rejections.csv has them all); uploads must keep
// Config.UploadMinBytesPerSec (408); reading an upload stops when its
// client goes away; a full disk is 507.
//
// Uploads. At most Config.UploadSlots uploads are received at a time
// (others wait Config.UploadWait, then 503 with Retry-After); each file is
// streamed to DataDir/uploads/ and read from there, never held whole. An
// upload may add county boundaries (field boundaries: a FeatureCollection
// of county Polygons/MultiPolygons, read by maps.ReadBoundaries); they are
// stored with the dataset, part of its content hash, and every run of it
// offers them as boundaries.geojson for the map page.
//
// Roads (roads.go). An upload may add a road file (field roads: OSM PBF or
// XML, GeoJSON lines or a prepared .roads, at most Config.MaxRoadsBytes);
// its network is built on upload (refused with 422 when it gives none),
// stored with the dataset and part of its content hash. Runs and the
// coverage GET take distance=straight|road and minutes (travel time by
// road, instead of radius_km); road on a dataset without roads is 422
// (no-roads). Built networks are kept in a bounded cache
// (Config.CachedNetworks) that holds their size in the memory budget;
// building one reserves an estimate per file byte (roadsBytesPerByte).
//
// Runs. POST /api/v1/runs takes the command line's plan or coverage flags
// as JSON keys (radius-km becomes radius_km). A worker pool
// (Config.Workers) computes runs in order; runs beyond
// Config.MaxQueuedRuns waiting are refused with 503. A run is identified by
// its fully resolved parameters (every policy figure explicit, shown as
// params) plus its dataset's content hash: asking again for a computation
// that is done answers 200 with the finished run, for one queued or
// running 202 with that run, instead of computing it twice. Synchronous
// coverage requests take one of Config.CoverageSlots slots, waiting up to
// Config.CoverageWait before a 503 with Retry-After.
//
// HTTP conventions. Errors are RFC 9457 problem details
// (application/problem+json) whose type is ProblemTypePrefix plus a slug;
// one function (statusOf) maps errors to statuses, and details drop Go
// package prefixes ("server: "): invalid options 400,
// unusable data 422 (with the rejected rows in "errors"), not found 404,
// too large 413, and so on. Results and coverage answers carry strong
// ETags (If-None-Match gives 304) and their media types
// (application/geo+json, application/geo+json-seq, text/csv, text/markdown,
// application/json); gzip is used when the client accepts it. Coverage
// GeoJSON is streamed to the client as it is encoded, never held whole.
//
// Safety. Without a token the server only listens on loopback (Serve
// refuses other addresses with ErrInsecure). With Config.Token every
// request under /api/ needs "Authorization: Bearer TOKEN", compared in
// constant time; /healthz and the web page's files are open, as they hold
// no data and a browser cannot send a token when it loads a page (the
// page asks for it when the API answers 401). Which requests are open is
// decided by the route the mux picks, not by a path prefix. Ids from
// requests must match ^[a-z0-9][a-z0-9-]{0,63}$ before they touch the
// file system; result names are a fixed list. Request bodies are capped
// (Config.MaxUploadBytes, 413). Serve shuts down gracefully when its
// context is done: running runs get Config.ShutdownGrace to finish, then
// are cancelled and marked failed ("server shut down").
//
// Layout. This package is the HTTP edge: routes, handlers, the run queue
// and workers, the data directory, and the one mapping of errors to
// statuses. The parts below it live in internal packages, none of which
// imports this one: store (the database), runparams (parsing and
// validating run requests and the coverage query's values), compute (what
// a run computes and writes), budget (the memory budget), reqio
// (request-bound readers and writers), apierr (the errors those return,
// re-exported here under the same names), lru and filecache (caches) and
// gzipmw (the gzip middleware).
package server
