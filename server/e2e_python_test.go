package server

// End-to-end test of the HTTP API from Python: the example client
// (examples/python/client.py) and notebook (examples/notebook) run against
// the real `catchment serve` binary. They are what a planner copies, so
// they must keep working as the server changes.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"image/png"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// systemPython is Debian's interpreter: the python3 on PATH may be another
// one (pyenv) without the Debian packages the examples use.
const systemPython = "/usr/bin/python3"

// e2eTimeout bounds the whole test, so that a hung server or kernel fails
// the test (with the server's log) instead of the package's -timeout. It
// is generous: on a loaded 2-core machine the notebook alone has taken
// over three minutes (2 of 20 runs failed at a 3-minute bound); a
// deadline of the package's -timeout, less a minute, shortens it.
const e2eTimeout = 15 * time.Minute

func TestPythonClientE2E(t *testing.T) {
	if testing.Short() {
		t.Skip("end to end: builds catchment and runs Python; skipped with -short")
	}
	requirePython(t, "geopandas", "requests", "matplotlib", "pandas")
	limit := time.Now().Add(e2eTimeout)
	if d, ok := t.Deadline(); ok && d.Add(-time.Minute).Before(limit) {
		limit = d.Add(-time.Minute)
	}
	ctx, cancel := context.WithDeadline(t.Context(), limit)
	defer cancel()

	root := repoRoot(t)
	bin := buildCatchment(ctx, t, root)
	url := startServer(t, bin, t.TempDir(), "")
	clientPy := filepath.Join(root, "examples", "python", "client.py")

	t.Run("client", func(t *testing.T) {
		out := t.TempDir()
		res := runPython(ctx, t, root, nil, clientPy, "--url", url, "--out", out, "--delete")
		if res.err != nil {
			t.Fatalf("client.py: %v\nstdout:\n%s\nstderr:\n%s", res.err, res.stdout, res.stderr)
		}
		for _, re := range []string{
			`(?m)^datasets on the server: \d+$`,
			`(?m)^uploaded dataset \S+: \d+ villages, \d+ facilities$`,
			`(?m)^read report:$`,
			`(?m)^villages\.csv \(csv, utf-8\): \d+ rows, \d+ accepted, 0 rejected, 0 warnings$`,
			`(?m)^facilities\.csv \(csv, utf-8\): \d+ rows, \d+ accepted, 0 rejected, 0 warnings$`,
			`(?m)^run \S+: done, results: .*plan\.geojson`,
			`(?m)^total: 2 counties, population \d+, emergency network cover \d+ \(.*\), county-level care today \d+ \(.*\), after \d+ \(.*\), \d+ sub-centres$`,
			`(?m)^check: village layer agrees with counties\.csv$`,
			`(?m)^deleted dataset \S+$`,
		} {
			if !regexp.MustCompile(re).MatchString(res.stdout) {
				t.Errorf("stdout does not match %s:\n%s", re, res.stdout)
			}
		}
		checkReport(t, res.stdout)
		checkTotals(t, res.stdout)
		checkPNG(t, filepath.Join(out, "coverage.png"))
		if !strings.Contains(res.stdout, "map: "+filepath.Join(out, "coverage.png")) {
			t.Errorf("stdout does not name the map:\n%s", res.stdout)
		}
	})

	// Errors from the server reach the user as a message and exit status 1,
	// not as a Python traceback.
	t.Run("unknown dataset", func(t *testing.T) {
		res := runPython(ctx, t, root, nil, clientPy, "--url", url, "--out", t.TempDir(),
			"--dataset", "no-such-dataset")
		wantExit1(t, res, "HTTP 404")
	})
	t.Run("unreadable upload", func(t *testing.T) {
		dir := t.TempDir()
		bad := filepath.Join(dir, "villages.csv")
		if err := os.WriteFile(bad, []byte("foo,bar\n1,2\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		res := runPython(ctx, t, root, nil, clientPy, "--url", url, "--out", dir,
			"--villages", bad, "--facilities", bad)
		wantExit1(t, res, "HTTP 422")
	})
	t.Run("server gone", func(t *testing.T) {
		// A port nothing listens on: closed right after it was bound.
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		res := runPython(ctx, t, root, nil, clientPy, "--url", "http://"+addr, "--out", t.TempDir())
		wantExit1(t, res, "no response")
	})

	t.Run("notebook", func(t *testing.T) {
		runNotebook(ctx, t, root, url)
	})

	// With a token the client sends it on every request, including the
	// reads of results that geopandas and pandas make.
	t.Run("token", func(t *testing.T) {
		const token = "e2e-secret-token"
		url := startServer(t, bin, t.TempDir(), token)
		out := t.TempDir()
		res := runPython(ctx, t, root, []string{"CATCHMENT_TOKEN=" + token}, clientPy, "--url", url, "--out", out)
		if res.err != nil {
			t.Fatalf("client.py: %v\nstdout:\n%s\nstderr:\n%s", res.err, res.stdout, res.stderr)
		}
		if !strings.Contains(res.stdout, "check: village layer agrees with counties.csv") {
			t.Errorf("stdout lacks the check line:\n%s", res.stdout)
		}
		checkPNG(t, filepath.Join(out, "coverage.png"))

		res = runPython(ctx, t, root, nil, clientPy, "--url", url, "--out", t.TempDir())
		wantExit1(t, res, "HTTP 401")
	})
}

// checkReport checks that the read report the client printed accounts for
// every row of its synthetic input as accepted, and that the upload's
// village count is the accepted one.
func checkReport(t *testing.T, stdout string) {
	t.Helper()
	for _, m := range regexp.MustCompile(`(?m)^(\w+)\.csv \(csv, utf-8\): (\d+) rows, (\d+) accepted`).FindAllStringSubmatch(stdout, -1) {
		if m[2] != m[3] || m[2] == "0" {
			t.Errorf("%s: %s rows, %s accepted; want all of the synthetic rows accepted", m[1], m[2], m[3])
		}
		if m[1] == "villages" && !regexp.MustCompile(`(?m)^uploaded dataset \S+: `+m[3]+` villages,`).MatchString(stdout) {
			t.Errorf("upload answer and read report disagree on the villages:\n%s", stdout)
		}
	}
}

// checkTotals checks the client's total line against itself: the cover
// after the sub-centres is at least the cover before and at most the
// population, and the synthetic data set (far townships outside the radius
// on purpose) gets at least one sub-centre, so the map has one to show.
func checkTotals(t *testing.T, stdout string) {
	t.Helper()
	m := regexp.MustCompile(`(?m)^total: \d+ counties, population (\d+), emergency network cover \d+ .*, county-level care today (\d+) .*, after (\d+) .*, (\d+) sub-centres$`).
		FindStringSubmatch(stdout)
	if m == nil {
		return // reported by the caller's line checks
	}
	n := make([]int, 4)
	for i := range n {
		n[i], _ = strconv.Atoi(m[i+1])
	}
	pop, before, after, sites := n[0], n[1], n[2], n[3]
	if pop <= 0 || before < 0 || before > after || after > pop {
		t.Errorf("totals out of order: population %d, before %d, after %d", pop, before, after)
	}
	if sites < 1 || after == before {
		t.Errorf("no sub-centre or no gain on the synthetic data: %d sites, cover %d -> %d", sites, before, after)
	}
}

// checkPNG checks that path is a decodable PNG of a plausible map size.
func checkPNG(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("map not written: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if b := img.Bounds(); b.Dx() < 300 || b.Dy() < 300 {
		t.Errorf("%s: %dx%d pixels, want a map of at least 300x300", path, b.Dx(), b.Dy())
	}
}

func wantExit1(t *testing.T, res pyResult, inStderr string) {
	t.Helper()
	var exit *exec.ExitError
	if !errors.As(res.err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("want exit status 1, got %v\nstdout:\n%s\nstderr:\n%s", res.err, res.stdout, res.stderr)
	}
	if !strings.Contains(res.stderr, "client.py: error: ") || !strings.Contains(res.stderr, inStderr) {
		t.Errorf("stderr lacks %q:\n%s", inStderr, res.stderr)
	}
	if strings.Contains(res.stderr, "Traceback") {
		t.Errorf("stderr has a traceback:\n%s", res.stderr)
	}
}

// runNotebook executes examples/notebook/catchment.ipynb against url with
// nbconvert when Debian's nbconvert, nbclient and ipykernel are installed,
// and otherwise runs its code cells in order as one script.
func runNotebook(ctx context.Context, t *testing.T, root, url string) {
	t.Helper()
	nbDir := filepath.Join(root, "examples", "notebook")
	nbPath := filepath.Join(nbDir, "catchment.ipynb")
	env := []string{"CATCHMENT_URL=" + url}
	if pythonHas("nbconvert", "nbclient", "nbformat", "ipykernel") != nil {
		t.Log("nbconvert/nbclient/ipykernel not installed: running the notebook's code cells as a script")
		src := notebookScript(t, nbPath)
		res := runPythonIn(ctx, t, nbDir, append(env, "MPLBACKEND=Agg"), strings.NewReader(src), "-")
		if res.err != nil {
			t.Fatalf("notebook code: %v\nstdout:\n%s\nstderr:\n%s", res.err, res.stdout, res.stderr)
		}
		return
	}
	outDir := t.TempDir()
	res := runPythonIn(ctx, t, nbDir, env, nil, "-m", "nbconvert", "--to", "notebook", "--execute",
		"--ExecutePreprocessor.timeout=120", "--ExecutePreprocessor.kernel_name=python3",
		"--output-dir", outDir, "--output", "executed.ipynb", nbPath)
	if res.err != nil {
		t.Fatalf("nbconvert --execute: %v\nstdout:\n%s\nstderr:\n%s", res.err, res.stdout, res.stderr)
	}
	checkExecuted(t, filepath.Join(outDir, "executed.ipynb"))
}

// checkExecuted checks that every code cell of an executed notebook ran,
// none produced an error, and the map cell produced an image.
func checkExecuted(t *testing.T, path string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Cells []struct {
			CellType       string `json:"cell_type"`
			ExecutionCount *int   `json:"execution_count"`
			Outputs        []struct {
				OutputType string                     `json:"output_type"`
				Ename      string                     `json:"ename"`
				Evalue     string                     `json:"evalue"`
				Data       map[string]json.RawMessage `json:"data"`
			} `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(raw, &nb); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	code, images := 0, 0
	for i, c := range nb.Cells {
		if c.CellType != "code" {
			continue
		}
		code++
		if c.ExecutionCount == nil {
			t.Errorf("cell %d did not run", i)
		}
		for _, o := range c.Outputs {
			if o.OutputType == "error" {
				t.Errorf("cell %d: %s: %s", i, o.Ename, o.Evalue)
			}
			if _, ok := o.Data["image/png"]; ok {
				images++
			}
		}
	}
	if code == 0 {
		t.Error("executed notebook has no code cells")
	}
	if images == 0 {
		t.Error("executed notebook has no image output: the coverage map was not drawn")
	}
}

// notebookScript returns the code cells of a notebook joined in order.
func notebookScript(t *testing.T, path string) string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Cells []struct {
			CellType string          `json:"cell_type"`
			Source   json.RawMessage `json:"source"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(raw, &nb); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var b strings.Builder
	for _, c := range nb.Cells {
		if c.CellType != "code" {
			continue
		}
		// nbformat stores source as a string or a list of lines.
		var s string
		if err := json.Unmarshal(c.Source, &s); err != nil {
			var lines []string
			if err := json.Unmarshal(c.Source, &lines); err != nil {
				t.Fatalf("%s: cell source: %v", path, err)
			}
			s = strings.Join(lines, "")
		}
		b.WriteString(s)
		b.WriteString("\n\n")
	}
	return b.String()
}

// requirePython skips the test when Debian's Python or one of modules is
// missing, and fails it instead when env CI is set: CI installs them
// (.ci/run), so a missing one there is a broken setup, not a skip.
func requirePython(t *testing.T, modules ...string) {
	t.Helper()
	if err := pythonHas(modules...); err != nil {
		msg := "needs " + systemPython + " with " + strings.Join(modules, ", ") +
			" (apt-get install python3-geopandas python3-requests python3-matplotlib): " + err.Error()
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
}

// pythonHas reports whether the system Python imports every module.
func pythonHas(modules ...string) error {
	out, err := exec.Command(systemPython, "-c", "import "+strings.Join(modules, ", ")).CombinedOutput()
	if err != nil {
		return errors.New(strings.TrimSpace(string(out)) + " (" + err.Error() + ")")
	}
	return nil
}

// repoRoot is the module root: the test runs in server/.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not found: %v", err)
	}
	return root
}

// buildCatchment builds ./cmd/catchment into a temporary directory.
func buildCatchment(ctx context.Context, t *testing.T, root string) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go command not on PATH: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "catchment")
	cmd := exec.CommandContext(ctx, goBin, "build", "-o", bin, "./cmd/catchment")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/catchment: %v\n%s", err, out)
	}
	return bin
}

// serverLine is what `catchment serve` prints once it listens.
var serverLine = regexp.MustCompile(`catchment: serving on (http://\S+)`)

// startServer starts `catchment serve` on a free port with its data in
// dataDir, requiring token unless it is empty, and returns its base URL.
// The server is stopped when the test ends: interrupted, then killed if it
// has not exited within 10 s.
func startServer(t *testing.T, bin, dataDir, token string) string {
	t.Helper()
	stdout := &lineWatcher{re: serverLine, found: make(chan string, 1)}
	stderr := &lockedBuffer{}
	cmd := exec.Command(bin, "serve", "--quiet", "--addr", "127.0.0.1:0", "--data-dir", dataDir)
	// The server reads CATCHMENT_TOKEN too: the developer's must not leak in.
	cmd.Env = append(withoutEnv(os.Environ(), "CATCHMENT_TOKEN"), "CATCHMENT_TOKEN="+token)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting catchment serve: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			t.Errorf("catchment serve did not stop within 10 s of an interrupt; killing it")
			_ = cmd.Process.Kill()
			select {
			case <-exited:
			case <-time.After(5 * time.Second):
				t.Errorf("catchment serve (pid %d) did not exit after SIGKILL", cmd.Process.Pid)
			}
		}
		if t.Failed() {
			t.Logf("catchment serve stderr:\n%s", stderr.String())
		}
	})
	select {
	case url := <-stdout.found:
		return url
	case err := <-exited:
		exited <- err // for the cleanup
		t.Fatalf("catchment serve exited before serving: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
	case <-time.After(30 * time.Second):
		t.Fatalf("catchment serve printed no %q line within 30 s\nstdout:\n%s\nstderr:\n%s", serverLine, stdout.String(), stderr.String())
	}
	return ""
}

type pyResult struct {
	stdout, stderr string
	err            error
}

// runPython runs the system Python with args in dir, with extra env.
func runPython(ctx context.Context, t *testing.T, dir string, env []string, args ...string) pyResult {
	t.Helper()
	return runPythonIn(ctx, t, dir, env, nil, args...)
}

func runPythonIn(ctx context.Context, t *testing.T, dir string, env []string, stdin *strings.Reader, args ...string) pyResult {
	t.Helper()
	cmd := exec.CommandContext(ctx, systemPython, args...)
	cmd.Dir = dir
	// No __pycache__ in the source tree; no debugger warnings from the
	// kernel; no token or URL from the developer's shell.
	cmd.Env = append(withoutEnv(os.Environ(), "CATCHMENT_TOKEN", "CATCHMENT_URL"),
		"PYTHONDONTWRITEBYTECODE=1", "PYDEVD_DISABLE_FILE_VALIDATION=1")
	cmd.Env = append(cmd.Env, env...)
	if stdin != nil {
		cmd.Stdin = stdin
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = 5 * time.Second
	err := cmd.Run()
	return pyResult{stdout.String(), stderr.String(), err}
}

// withoutEnv returns env without the variables named.
func withoutEnv(env []string, names ...string) []string {
	var kept []string
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		if !slices.Contains(names, name) {
			kept = append(kept, kv)
		}
	}
	return kept
}

// lockedBuffer is a bytes.Buffer safe for the process's writer goroutine
// and the test reading it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// lineWatcher collects a process's output and sends the first submatch of
// re on found when a complete line matches it.
type lineWatcher struct {
	lockedBuffer
	re      *regexp.Regexp
	found   chan string
	partial []byte
	sent    bool
}

func (w *lineWatcher) Write(p []byte) (int, error) {
	n, err := w.lockedBuffer.Write(p)
	w.mu.Lock()
	defer w.mu.Unlock()
	w.partial = append(w.partial, p...)
	for {
		nl := bytes.IndexByte(w.partial, '\n')
		if nl < 0 {
			break
		}
		if m := w.re.FindSubmatch(w.partial[:nl]); m != nil && !w.sent {
			w.sent = true
			w.found <- string(m[1])
		}
		w.partial = w.partial[nl+1:]
	}
	return n, err
}
