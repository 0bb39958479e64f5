package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var updateGolden = flag.Bool("update", false, "rewrite cmd/catchment/testdata/report_*.md from the current output")

// fixReportHeader fixes the report's date (SOURCE_DATE_EPOCH) and
// catchment version for a golden test.
func fixReportHeader(t *testing.T) {
	t.Helper()
	t.Setenv("SOURCE_DATE_EPOCH", "1777593600") // 2026-05-01
	old := version
	version = "v0.0.0-test"
	t.Cleanup(func() { version = old })
}

// TestReportGolden writes the plan report of the embedded sample in
// Chinese (the default under the shanxi policy) and in English (--lang en)
// and compares each with its golden file (-update rewrites them).
func TestReportGolden(t *testing.T) {
	fixReportHeader(t)
	dir := t.TempDir()
	for _, c := range []struct {
		golden string
		args   []string
	}{
		{"report_zh.md", nil},
		{"report_en.md", []string{"--lang", "en"}},
	} {
		out := filepath.Join(dir, c.golden)
		code, _, stderr := runCLI(t, append([]string{"plan", "-q", "--policy", "shanxi", "--report", out}, c.args...)...)
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", c.golden, code, stderr)
		}
		got, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", c.golden)
		if *updateGolden {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./cmd/catchment -run ReportGolden -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (run with -update if the change is intended):\n%s", c.golden, path, firstDiff(string(got), string(want)))
		}
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return "line " + itoa(i+1) + ":\n got: " + a + "\nwant: " + b
		}
	}
	return ""
}

// requirePrintTool finds a program the print test needs. On CI (CI set)
// a missing program fails the test; elsewhere it skips it.
func requirePrintTool(t *testing.T, name, pkg string, candidates ...string) string {
	t.Helper()
	for _, p := range candidates {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is not installed (apt-get install %s); CI must run the print test", name, pkg)
	}
	t.Skipf("%s not installed: skipping the print test (apt-get install %s)", name, pkg)
	return ""
}

var h2Line = regexp.MustCompile(`(?m)^##? (.+)$`)

// TestReportPrintsOnA4 writes the sample's report as HTML in Chinese and
// English, prints each to PDF with headless Chromium, and checks with
// poppler's pdfinfo and pdftotext that the pages are A4 and that every
// section heading of the Markdown report is in the PDF's text.
func TestReportPrintsOnA4(t *testing.T) {
	if testing.Short() {
		t.Skip("prints with Chromium")
	}
	chromium := requirePrintTool(t, "chromium", "chromium", os.Getenv("CATCHMENT_CHROMIUM"), "/usr/bin/chromium")
	pdfinfo := requirePrintTool(t, "pdfinfo", "poppler-utils")
	pdftotext := requirePrintTool(t, "pdftotext", "poppler-utils")
	fixReportHeader(t)
	dir := t.TempDir()
	for _, lang := range []string{"zh", "en"} {
		md, page, pdf := filepath.Join(dir, lang+".md"), filepath.Join(dir, lang+".html"), filepath.Join(dir, lang+".pdf")
		code, _, stderr := runCLI(t, "plan", "-q", "--lang", lang, "--report", md, "--report-html", page)
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", lang, code, stderr)
		}
		printPDF(t, chromium, page, pdf)
		info := runTool(t, pdfinfo, pdf)
		if !regexp.MustCompile(`(?m)^Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)`).MatchString(info) {
			t.Errorf("%s: the PDF is not A4:\n%s", lang, info)
		}
		text := squeeze(runTool(t, pdftotext, pdf, "-"))
		mdText, _ := os.ReadFile(md)
		headings := h2Line.FindAllStringSubmatch(string(mdText), -1)
		if len(headings) < 6 {
			t.Fatalf("%s: %d headings in the Markdown report", lang, len(headings))
		}
		for _, h := range headings {
			if !strings.Contains(text, squeeze(h[1])) {
				t.Errorf("%s: the PDF lacks the heading %q", lang, h[1])
			}
		}
	}
}

// printPDF prints an HTML file to PDF with headless Chromium.
func printPDF(t *testing.T, chromium, page, pdf string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	abs, err := filepath.Abs(page)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
		"--user-data-dir="+t.TempDir(), "--print-to-pdf="+pdf, "file://"+abs)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	if st, err := os.Stat(pdf); err != nil || st.Size() == 0 {
		t.Fatalf("chromium wrote no PDF: %v", err)
	}
}

func runTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return string(out)
}

// squeeze drops all white space, so that text wrapped across lines by
// the PDF still matches.
func squeeze(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// TestVersion: --version prints the version the reports carry.
func TestVersion(t *testing.T) {
	old := version
	version = "v1.2.3-test"
	t.Cleanup(func() { version = old })
	code, stdout, _ := runCLI(t, "--version")
	if code != exitOK || stdout != "catchment version v1.2.3-test\n" {
		t.Errorf("exit %d, %q", code, stdout)
	}
	version = ""
	if v := catchmentVersion(); v == "" {
		t.Error("no version without -ldflags")
	}
}

// TestProgrammeReportsChinese writes every programme report of the sample
// under the shanxi policy, whose default is Chinese, and checks that no
// English is left but for identifiers, file names, options and code.
func TestProgrammeReportsChinese(t *testing.T) {
	fixReportHeader(t)
	dir := t.TempDir()
	p := func(n string) string { return filepath.Join(dir, n) }
	runs := [][]string{
		{"phase", "-q", "--report", p("phase.md")},
		{"quota", "-q", "--report", p("quota.md")},
		{"scorecard", "-q", "--report", p("card.md")},
		{"plan", "-q", "--subcentres-total", "4", "--report", p("plan.md"), "--budget", p("budget.md")},
	}
	latin := regexp.MustCompile(`[A-Za-z]{3,}`)
	code := regexp.MustCompile("`[^`]*`|--[a-z][a-z-]*")
	allowed := map[string]bool{"SHA": true, "sample": true, "csv": true, "catchment": true, "devel": true, "test": true,
		"GeoJSON": true, "JSON": true, "service": true, "false": true, "villages": true, "counties": true, "subcentres": true,
		"townships": true, "WGS": true, "min": true, "subcentres-total": true, "total": true, "facilities": true}
	for _, args := range runs {
		if c, _, stderr := runCLI(t, args...); c != exitOK {
			t.Fatalf("%v: exit %d: %s", args, c, stderr)
		}
	}
	for _, name := range []string{"phase.md", "quota.md", "card.md", "plan.md", "budget.md"} {
		b, err := os.ReadFile(p(name))
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			line = code.ReplaceAllString(line, "")
			line = regexp.MustCompile(`\b[A-Z]\d{6}\b`).ReplaceAllString(line, "") // facility and village ids
			for _, w := range latin.FindAllString(line, -1) {
				if !allowed[w] {
					t.Errorf("%s line %d keeps English %q: %s", name, i+1, w, line)
					break
				}
			}
		}
	}
}
