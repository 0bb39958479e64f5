package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/data/report"
	"github.com/catchment/catchment/data/synth"
	"github.com/urfave/cli/v2"
)

// version is catchment's version, set at build time by the Makefile
// (-ldflags "-X main.version=..."); catchmentVersion falls back to the
// module version and VCS revision Go records, else "devel".
var version string

// catchmentVersion is what `catchment --version` prints and the reports'
// header carries.
func catchmentVersion() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return "devel-" + rev
}

// langFlag is --lang for a command whose report defaults to the policy's
// language (report true) or whose words default to English.
func langFlag(report bool) cli.Flag {
	def, usage := "en", "language of the table on stdout and of the map's title and legend: zh or en"
	if report {
		def = "zh under the shanxi, ordos, dadukou and xinjiang policies, else en (the table on stdout: en)"
		usage = "language of the report (--report, --report-html) and of the table on stdout: zh or en"
	}
	return &cli.StringFlag{Name: "lang", Category: "Output", DefaultText: def, Usage: usage}
}

// reportLang is the report's language: --lang, else the policy's default
// (Chinese under the Chinese regions' presets).
func reportLang(c *cli.Context, policy string) (i18n.Lang, error) {
	l, err := i18n.Parse(c.String("lang"))
	if err != nil {
		return "", usagef("--lang: %v", strings.TrimPrefix(err.Error(), "i18n: "))
	}
	return l.Or(i18n.ForPolicy(policy)), nil
}

// tableLang is the language of a table on stdout or a map: --lang, else
// English.
func tableLang(c *cli.Context) (i18n.Lang, error) {
	l, err := i18n.Parse(c.String("lang"))
	if err != nil {
		return "", usagef("--lang: %v", strings.TrimPrefix(err.Error(), "i18n: "))
	}
	return l.Or(i18n.En), nil
}

// reportDate is today's date for a report's header, or the date of
// SOURCE_DATE_EPOCH (seconds since 1970, UTC) when it is set, so that a
// rebuilt report can be byte for byte the same.
func reportDate() (string, error) {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return "", usagef("SOURCE_DATE_EPOCH=%q: want whole seconds since 1970-01-01", s)
		}
		return time.Unix(sec, 0).UTC().Format(time.DateOnly), nil
	}
	return time.Now().Format(time.DateOnly), nil
}

// inputFileFlags are the flags naming input files, with their role in a
// report's header, in the order the header lists them.
var inputFileFlags = []struct{ flag, role string }{
	{"villages", report.RoleVillages}, {"facilities", report.RoleFacilities}, {"candidates", report.RoleCandidates},
	{"roads", report.RoleRoads}, {"od-matrix", report.RoleOD}, {"boundaries", report.RoleBoundaries},
	{"division-names", report.RoleDivisions}, {"counties", report.RoleScorecard}, {"previous", report.RolePrevious},
	{"scenario", report.RoleScenario},
}

// reportOptions are a report's language, date, version and the SHA-256 of
// every input file the command read (the embedded sample's bytes when no
// villages and facilities were given).
func reportOptions(c *cli.Context, policy string) (report.Options, error) {
	opt := report.Options{Version: catchmentVersion()}
	var err error
	if opt.Lang, err = reportLang(c, policy); err != nil {
		return opt, err
	}
	if opt.Date, err = reportDate(); err != nil {
		return opt, err
	}
	if c.String("villages") == "" && c.String("facilities") == "" {
		opt.Inputs = append(opt.Inputs,
			report.InputFile{Role: report.RoleVillages, Path: "sample:villages.csv", SHA256: sha256Hex(synth.SampleVillagesCSV())},
			report.InputFile{Role: report.RoleFacilities, Path: "sample:facilities.csv", SHA256: sha256Hex(synth.SampleFacilitiesCSV())})
	}
	for _, f := range inputFileFlags {
		path := c.String(f.flag)
		if path == "" || path == "-" {
			continue
		}
		sum, err := fileSHA256(path)
		if err != nil {
			return opt, err
		}
		opt.Inputs = append(opt.Inputs, report.InputFile{Role: f.role, Path: path, SHA256: sum})
	}
	return opt, nil
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// fileSHA256 is the lower-case hex SHA-256 of a file's bytes.
func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("checksum for the report: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("checksum for the report: %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// reportFlags are --report and --report-html; what names the report.
func reportFlags(what string) []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "report", Category: "Output", TakesFile: true,
			Usage: "write " + what + " to `FILE`: Markdown, or HTML for print on A4 when FILE ends in .html"},
		&cli.StringFlag{Name: "report-html", Category: "Output", TakesFile: true,
			Usage: "also write " + what + " as HTML for print on A4 (self-contained; print to PDF from a browser) to `FILE`"},
	}
}

// isHTML reports whether a report path asks for HTML.
func isHTML(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".html" || ext == ".htm"
}

// writeReports writes the Markdown report md to --report (as HTML when the
// file ends in .html or .htm) and as HTML to --report-html.
func writeReports(c *cli.Context, lang i18n.Lang, md func(io.Writer) error) error {
	html := func(w io.Writer) error { return report.WriteHTML(w, lang, md) }
	if path := c.String("report"); path != "" {
		write := md
		if isHTML(path) {
			write = html
		}
		if err := writeOutput(c.App.Writer, path, write); err != nil {
			return err
		}
	}
	if path := c.String("report-html"); path != "" {
		if err := writeOutput(c.App.Writer, path, html); err != nil {
			return err
		}
	}
	return nil
}

// wantsReport reports whether the command writes a report.
func wantsReport(c *cli.Context) bool {
	return c.String("report") != "" || c.String("report-html") != ""
}
