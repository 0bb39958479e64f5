package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/catchment/catchment/roads"
	"github.com/catchment/catchment/server/internal/budget"
	"github.com/catchment/catchment/server/internal/filecache"
	"github.com/catchment/catchment/server/internal/lru"
	"github.com/catchment/catchment/server/internal/store"
	"github.com/catchment/catchment/server/web"
)

// Defaults of Config.
const (
	DefaultMaxUploadBytes = 200 << 20
	DefaultMaxQueuedRuns  = 1000
	DefaultCoverageWait   = 10 * time.Second
	DefaultShutdownGrace  = 10 * time.Second
	DefaultCachedDatasets = 4
	DefaultUploadSlots    = 2
	DefaultUploadWait     = 10 * time.Second
	DefaultKeepRuns       = 100
)

// Timeouts of the HTTP server. Reading a request and writing an ordinary
// answer must finish within a minute or two; an upload extends its read
// deadline to uploadTimeout and a streamed result its write deadline to
// streamTimeout, so that slow links and large results are not cut off
// while idle or stuck connections still are.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = time.Minute
	writeTimeout      = 2 * time.Minute
	idleTimeout       = 2 * time.Minute
	uploadTimeout     = 30 * time.Minute
	streamTimeout     = time.Hour
)

// Header limits. maxHeaderBytes is what the server answers 431 for, as a
// problem (see limitHeaders); net/http's own limit, whose 431 is plain
// text, is set far above it so that only absurd requests meet it.
const (
	maxHeaderBytes     = 64 << 10
	hardMaxHeaderBytes = 1 << 20
)

// Messages of runs that could not finish.
const (
	msgRestart  = "interrupted by a restart"
	msgShutdown = "server shut down"
)

// Config configures a Server. The zero value of every field but DataDir
// picks the default; an empty DataDir means DefaultDataDir().
type Config struct {
	// DataDir holds the database (catchment.db), the uploaded datasets
	// (datasets/ID/) and the run results (runs/ID/). Created if missing.
	DataDir string
	// Token, when set, is required as "Authorization: Bearer TOKEN" on
	// every request under /api/ (New refuses a token that is blank or
	// has leading or trailing white space: ErrBadToken); GET /healthz and
	// the web page (/, /static/..., /style.json), which hold no data,
	// are served without it. Serve refuses a non-loopback listener without one.
	Token string
	// MaxUploadBytes limits request bodies (DefaultMaxUploadBytes).
	MaxUploadBytes int64
	// Workers is the number of runs computed at the same time
	// (GOMAXPROCS); each run itself uses every CPU.
	Workers int
	// MaxQueuedRuns is how many runs may wait for a worker before new
	// ones are refused with 503 (DefaultMaxQueuedRuns).
	MaxQueuedRuns int
	// CoverageSlots is how many synchronous coverage requests compute at
	// the same time (GOMAXPROCS); others wait up to CoverageWait
	// (DefaultCoverageWait) and are then answered 503 with Retry-After.
	CoverageSlots int
	CoverageWait  time.Duration
	// ShutdownGrace is how long Serve lets requests and running runs
	// finish after its context is done (DefaultShutdownGrace); runs still
	// going are then cancelled and recorded as failed.
	ShutdownGrace time.Duration
	// CachedDatasets is how many uploaded datasets are kept parsed in
	// memory (DefaultCachedDatasets); the sample always is.
	CachedDatasets int
	// UploadSlots is how many uploads are received and read at the same
	// time (DefaultUploadSlots); others wait up to UploadWait
	// (DefaultUploadWait) and are then answered 503 with Retry-After.
	// Uploads are streamed to temporary files in the data directory, so
	// memory is bounded by the readers of UploadSlots uploads.
	UploadSlots int
	UploadWait  time.Duration
	// KeepRuns is how many finished (done or failed) runs are kept
	// (DefaultKeepRuns): when a run finishes, the oldest finished runs
	// beyond it are deleted with their results. Negative keeps all.
	// Queued and running runs are never deleted by it.
	KeepRuns int
	// MaxColumns limits the columns of an uploaded table
	// (DefaultMaxColumns); a wider table is refused with 422.
	MaxColumns int
	// UploadMinBytesPerSec and UploadRateWindow: an upload that delivers
	// less than UploadMinBytesPerSec on average over a window of
	// UploadRateWindow is cut off with 408 (DefaultUploadMinBytesPerSec,
	// DefaultUploadRateWindow).
	UploadMinBytesPerSec int64
	UploadRateWindow     time.Duration
	// MaxMemoryBytes is the memory budget (DefaultMaxMemoryBytes): the
	// server estimates the working memory of each upload, coverage
	// request and run from its size and refuses requests that would pass
	// the budget with 503 and Retry-After (queued runs wait for memory)
	// instead of growing until the system kills it. Parsed datasets kept
	// in the cache (CachedDatasets) are not counted in it.
	MaxMemoryBytes int64
	// MaxRoadsBytes limits the road file of an upload (the form part
	// "roads"; DefaultMaxRoadsBytes); a larger one is refused with 413.
	MaxRoadsBytes int64
	// CachedNetworks is how many built road networks are kept in memory
	// (DefaultCachedNetworks); their size is held in the memory budget
	// while they are kept.
	CachedNetworks int
	// Logger receives request and run logs; nil discards them.
	Logger *slog.Logger
}

func (c Config) withDefaults() (Config, error) {
	if c.DataDir == "" {
		dir, err := DefaultDataDir()
		if err != nil {
			return c, err
		}
		c.DataDir = dir
	}
	if c.MaxUploadBytes <= 0 {
		c.MaxUploadBytes = DefaultMaxUploadBytes
	}
	if c.Workers <= 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	if c.MaxQueuedRuns <= 0 {
		c.MaxQueuedRuns = DefaultMaxQueuedRuns
	}
	if c.CoverageSlots <= 0 {
		c.CoverageSlots = runtime.GOMAXPROCS(0)
	}
	if c.CoverageWait <= 0 {
		c.CoverageWait = DefaultCoverageWait
	}
	if c.ShutdownGrace <= 0 {
		c.ShutdownGrace = DefaultShutdownGrace
	}
	if c.CachedDatasets <= 0 {
		c.CachedDatasets = DefaultCachedDatasets
	}
	if c.UploadSlots <= 0 {
		c.UploadSlots = DefaultUploadSlots
	}
	if c.UploadWait <= 0 {
		c.UploadWait = DefaultUploadWait
	}
	if c.KeepRuns == 0 {
		c.KeepRuns = DefaultKeepRuns
	}
	if c.MaxColumns <= 0 {
		c.MaxColumns = DefaultMaxColumns
	}
	if c.UploadMinBytesPerSec <= 0 {
		c.UploadMinBytesPerSec = DefaultUploadMinBytesPerSec
	}
	if c.UploadRateWindow <= 0 {
		c.UploadRateWindow = DefaultUploadRateWindow
	}
	if c.MaxMemoryBytes <= 0 {
		c.MaxMemoryBytes = DefaultMaxMemoryBytes
	}
	if c.MaxRoadsBytes <= 0 {
		c.MaxRoadsBytes = DefaultMaxRoadsBytes
	}
	if c.CachedNetworks <= 0 {
		c.CachedNetworks = DefaultCachedNetworks
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Token != "" && strings.TrimSpace(c.Token) != c.Token {
		// A client's token is compared trimmed (authenticate), so a token
		// with outer spaces would lock every client out.
		return c, fmt.Errorf("%w: the token is blank or starts or ends with white space", ErrBadToken)
	}
	return c, nil
}

// DefaultDataDir is where the server keeps its data when Config.DataDir is
// empty: $XDG_DATA_HOME/catchment when XDG_DATA_HOME is set, else
// ~/.local/share/catchment on Unix-like systems, else the per-user
// configuration directory (%AppData% on Windows, ~/Library/Application
// Support on macOS) plus catchment. Not the cache directory: results are
// meant to outlive a cache clean-up.
func DefaultDataDir() (string, error) {
	if x := os.Getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "catchment"), nil
	}
	switch runtime.GOOS {
	case "windows", "darwin", "ios", "plan9":
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("server: no data directory: %w", err)
		}
		return filepath.Join(dir, "catchment"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("server: no data directory: %w", err)
	}
	return filepath.Join(home, ".local", "share", "catchment"), nil
}

// Server is the catchment HTTP API: datasets, synchronous coverage, runs
// computed by a worker pool, and their results, persisted in a data
// directory. Create it with New, serve Handler (or call Serve), and Close
// it when done.
type Server struct {
	cfg     Config
	log     *slog.Logger
	st      *store.Store
	sample  *datasetRecord
	handler http.Handler
	mux     *http.ServeMux
	page    http.Handler // the web page (package web)
	cache   *lru.Cache[*dataset]

	// lock is the open, flocked DataDir/lock: one server per data
	// directory. Closed by Close.
	lock *os.File

	// slots bounds synchronous coverage computations, uploads concurrent
	// uploads.
	slots   chan struct{}
	uploads chan struct{}
	// mem is the memory budget (Config.MaxMemoryBytes).
	mem *budget.Memory
	// coverageFiles keeps recent coverage answers on disk, so that they
	// are served with a length and in ranges (http_coverage.go), each at
	// most coverageFileMax bytes (coverageFileMaxBytes; tests lower it).
	coverageFiles   *filecache.Cache
	coverageFileMax int64
	// nets caches built road networks; netBuilds counts builds.
	nets      *lru.Cache[*roads.Network]
	netBuilds atomic.Int64

	// sampleBoundaries is the canonical boundaries file of the sample, or
	// "" (see AttachSampleBoundaries).
	sampleBoundaries string

	// datasetMu orders dataset creation and deletion against the runs
	// and coverage requests that load them.
	datasetMu sync.RWMutex

	runsMu sync.Mutex
	queue  chan *job
	queued int
	active map[string]*activeRun
	// unrecorded holds the ends of runs the database could not record
	// (see finish).
	unrecorded map[string]runEnd
	closing    bool
	// runCtx is the parent of every run's context; cancelRuns ends them.
	runCtx     context.Context
	cancelRuns context.CancelFunc
	workers    sync.WaitGroup

	closeOnce sync.Once
	closeErr  error

	// testHookCompute, set by tests before any run is queued, runs at the
	// start of every computation: it holds runs in the running state.
	testHookCompute func(ctx context.Context, id string) error
}

// New opens (or creates) the data directory and database, marks runs that
// a crash interrupted as failed, loads the embedded sample as dataset
// "sample" and starts the run workers. The data directory is locked for
// the server's life (until Close) before any of that: a second server on
// the same directory gets a *DataDirLockedError (ErrDataDirLocked) and
// changes nothing.
func New(cfg Config) (*Server, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return nil, fmt.Errorf("server: data directory: %w", err)
	}
	lock, err := lockDataDir(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	for _, d := range []string{filepath.Join(cfg.DataDir, "datasets"), filepath.Join(cfg.DataDir, "runs"), filepath.Join(cfg.DataDir, "uploads")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			lock.Close()
			return nil, fmt.Errorf("server: data directory: %w", err)
		}
	}
	st, err := store.Open(filepath.Join(cfg.DataDir, "catchment.db"))
	if err != nil {
		lock.Close()
		return nil, err
	}
	s := &Server{
		cfg:             cfg,
		log:             cfg.Logger,
		st:              st,
		lock:            lock,
		cache:           lru.New[*dataset](cfg.CachedDatasets),
		slots:           make(chan struct{}, cfg.CoverageSlots),
		uploads:         make(chan struct{}, cfg.UploadSlots),
		mem:             budget.New(cfg.MaxMemoryBytes),
		coverageFileMax: coverageFileMaxBytes,
		nets:            lru.New[*roads.Network](cfg.CachedNetworks),
		queue:           make(chan *job, cfg.MaxQueuedRuns),
		active:          map[string]*activeRun{},
	}
	s.unrecorded = map[string]runEnd{}
	fail := func(err error) (*Server, error) {
		st.Close()
		lock.Close()
		return nil, err
	}
	if s.coverageFiles, err = filecache.New(filepath.Join(cfg.DataDir, "cache", "coverage"), coverageCacheFiles, coverageCacheBytes); err != nil {
		return fail(fmt.Errorf("server: data directory: %w", err))
	}
	ctx := context.Background()
	ids, err := st.FailUnfinished(ctx, msgRestart)
	if err != nil {
		return fail(fmt.Errorf("server: database: %w", err))
	}
	for _, id := range ids {
		s.log.Warn("run interrupted by a restart, marked failed", slog.String("run", id))
	}
	if err := s.cleanDataDir(ctx); err != nil {
		return fail(err)
	}
	if err := s.pruneRuns(ctx); err != nil {
		return fail(fmt.Errorf("server: database: %w", err))
	}
	if err := s.loadSample(); err != nil {
		return fail(err)
	}
	s.page = web.Handler()
	s.mux = s.routes()
	s.handler = s.middleware(s.mux)
	s.runCtx, s.cancelRuns = context.WithCancel(context.Background())
	for range cfg.Workers {
		s.workers.Add(1)
		go s.worker()
	}
	return s, nil
}

// Handler returns the HTTP handler of the API, with authentication, body
// limits, gzip, panic recovery and request logging.
func (s *Server) Handler() http.Handler { return s.handler }

// DataDir is the directory the server keeps its data in.
func (s *Server) DataDir() string { return s.cfg.DataDir }

// Serve answers requests on ln until ctx is done, then shuts down
// gracefully: it stops accepting connections and runs, lets requests and
// running runs finish for up to Config.ShutdownGrace, then cancels what is
// left (those runs are recorded as failed, "server shut down"). It returns
// nil after a shutdown caused by ctx, ErrInsecure (without serving) when
// ln is not a loopback address and no token is configured, or the error
// that stopped the listener. Serve does not close the database: call
// Close after it returns.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	if s.cfg.Token == "" && !IsLoopback(ln.Addr()) {
		ln.Close()
		return fmt.Errorf("%w (listening on %s)", ErrInsecure, ln.Addr())
	}
	hs := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    hardMaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	var serveErr error
	select {
	case serveErr = <-errc:
	case <-ctx.Done():
		s.log.Info("shutting down", slog.Duration("grace", s.cfg.ShutdownGrace))
	}
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownGrace)
	defer cancel()
	var wg sync.WaitGroup
	wg.Go(func() { s.stopRuns(s.cfg.ShutdownGrace) })
	if err := hs.Shutdown(sctx); err != nil {
		hs.Close() // requests still streaming after the grace period
	}
	wg.Wait()
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	return nil
}

// IsLoopback reports whether addr is only reachable from this machine: a
// TCP address on a loopback IP, or a Unix socket.
func IsLoopback(addr net.Addr) bool {
	switch a := addr.(type) {
	case *net.TCPAddr:
		return a.IP.IsLoopback()
	case *net.UnixAddr:
		return true
	}
	return false
}

// Close stops the run workers (runs still going are cancelled and recorded
// as failed), closes the database and releases the data directory. It is
// safe to call more than once and after Serve.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		s.stopRuns(0)
		s.closeErr = s.st.Close()
		s.lock.Close() // releases the flock
	})
	return s.closeErr
}
