package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The readers of cover_consistency_test.go: each takes one output of a
// plan run as bytes (a file the CLI wrote or a result the server served)
// and returns the two cover measures it states, by village or by county.

// coverFlags are one village's two cover measures: emergency network
// cover, and county-level care today and with the proposed sub-centres.
type coverFlags struct{ Network, Today, After bool }

// coverPop counts an area's people and those with each measure.
type coverPop struct{ Population, Network, Today, After int64 }

// coverPct is what a text output prints of a coverPop: shares as "98.8%".
type coverPct struct{ Network, Today, After string }

// totalKey is the key of the all-county total in a map by county.
const totalKey = "(total)"

// pctOf is p as the table and the report print it (data/report.percent).
func pctOf(p coverPop) coverPct {
	f := func(n int64) string {
		return strconv.FormatFloat(100*float64(n)/float64(p.Population), 'f', 1, 64) + "%"
	}
	return coverPct{f(p.Network), f(p.Today), f(p.After)}
}

// villageLayer reads the village features of a plan GeoJSON (all layers,
// or the village layer alone): each village's flags, population and county.
func villageLayer(t *testing.T, name string, b []byte) (map[string]coverFlags, map[string]int64, map[string]string) {
	t.Helper()
	flags, pops, counties := map[string]coverFlags{}, map[string]int64{}, map[string]string{}
	for _, p := range layerProperties(t, name, b, "village") {
		id, _ := p["id"].(string)
		n, nok := p["network_covered"].(bool)
		td, tok := p["county_care_today"].(bool)
		af, aok := p["county_care_after"].(bool)
		pop, pok := p["population"].(float64)
		if id == "" || !nok || !tok || !aok || !pok {
			t.Fatalf("%s: village %v lacks an id, a population or a boolean cover field", name, p)
		}
		flags[id], pops[id] = coverFlags{n, td, af}, int64(pop)
		counties[id], _ = p["county"].(string)
	}
	return flags, pops, counties
}

// layerProperties reads a GeoJSON collection and returns the properties
// of its features whose "layer" is layer, in file order.
func layerProperties(t *testing.T, name string, b []byte, layer string) []map[string]any {
	t.Helper()
	var fc struct {
		Features []struct{ Properties map[string]any }
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out []map[string]any
	for _, f := range fc.Features {
		if f.Properties["layer"] == layer {
			out = append(out, f.Properties)
		}
	}
	return out
}

// csvRows reads a CSV table (byte order mark allowed) into rows keyed by
// the header.
func csvRows(t *testing.T, name string, b []byte) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("%s: %d records, %v", name, len(recs), err)
	}
	var rows []map[string]string
	for _, r := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = r[i]
		}
		rows = append(rows, row)
	}
	return rows
}

// villagesCSV reads the flags of villages.csv, whose booleans are the
// words true and false.
func villagesCSV(t *testing.T, name string, b []byte) map[string]coverFlags {
	t.Helper()
	out := map[string]coverFlags{}
	for _, r := range csvRows(t, name, b) {
		var f [3]bool
		for i, col := range []string{"network_covered", "county_care_today", "county_care_after"} {
			v, err := strconv.ParseBool(r[col])
			if err != nil || (r[col] != "true" && r[col] != "false") {
				t.Fatalf("%s: village %s: %s = %q", name, r["id"], col, r[col])
			}
			f[i] = v
		}
		out[r["id"]] = coverFlags{f[0], f[1], f[2]}
	}
	return out
}

// coverFields reads the cover keys of one county, total or sweep row
// (JSON numbers or CSV cells through get) and checks that each share is
// its population over the row's.
func coverFields(t *testing.T, where string, get func(key string) (float64, bool)) coverPop {
	t.Helper()
	num := func(key string) float64 {
		v, ok := get(key)
		if !ok {
			t.Fatalf("%s: no %s", where, key)
		}
		return v
	}
	p := coverPop{int64(num("population")), int64(num("network_covered_population")),
		int64(num("county_care_today_population")), int64(num("county_care_after_population"))}
	for stem, n := range map[string]int64{"network_covered": p.Network, "county_care_today": p.Today, "county_care_after": p.After} {
		if got, want := num(stem+"_share"), float64(n)/float64(p.Population); got != want {
			t.Errorf("%s: %s_share %v, want %v", where, stem, got, want)
		}
	}
	return p
}

// planSummary reads a plan summary JSON: the total and each county, and
// its sweep rows keyed "radius_km/k".
func planSummary(t *testing.T, name string, b []byte) (map[string]coverPop, map[string]coverPop) {
	t.Helper()
	var s struct {
		Total    map[string]any
		Counties []map[string]any
		Sweep    []map[string]any
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	getter := func(m map[string]any) func(string) (float64, bool) {
		return func(k string) (float64, bool) { v, ok := m[k].(float64); return v, ok }
	}
	out := map[string]coverPop{totalKey: coverFields(t, name+" total", getter(s.Total))}
	for _, c := range s.Counties {
		county, _ := c["county"].(string)
		out[county] = coverFields(t, name+" county "+county, getter(c))
	}
	sweep := map[string]coverPop{}
	for _, r := range s.Sweep {
		sweep[fmt.Sprintf("%v/%v", r["radius_km"], r["k"])] = coverFields(t, name+" sweep", getter(r))
	}
	return out, sweep
}

// csvPops reads counties.csv (keyed by county) or sweep.csv (keyed
// "radius_km/k").
func csvPops(t *testing.T, name string, b []byte, key func(map[string]string) string) map[string]coverPop {
	t.Helper()
	out := map[string]coverPop{}
	for _, r := range csvRows(t, name, b) {
		out[key(r)] = coverFields(t, name+" "+key(r), func(k string) (float64, bool) {
			v, err := strconv.ParseFloat(r[k], 64)
			return v, err == nil
		})
	}
	return out
}

// subcentreLayer reads the county tallies the sub-centre features carry
// (county-level care today and after), one entry per county with a site.
func subcentreLayer(t *testing.T, name string, b []byte) map[string]coverPop {
	t.Helper()
	out := map[string]coverPop{}
	for _, p := range layerProperties(t, name, b, "subcentre") {
		today, tok := p["county_care_today_population"].(float64)
		after, aok := p["county_care_after_population"].(float64)
		if !tok || !aok {
			t.Fatalf("%s: sub-centre %v lacks the county's county-level care", name, p["id"])
		}
		county, _ := p["county"].(string)
		got := coverPop{Today: int64(today), After: int64(after)}
		if prev, ok := out[county]; ok && prev != got {
			t.Errorf("%s: the sub-centres of %s disagree on the county's care: %+v and %+v", name, county, prev, got)
		}
		out[county] = got
	}
	return out
}

var (
	reportTotals = regexp.MustCompile(`(?m)^\| People with emergency network cover \| ([\d,]+) \| ([\d,]+) \|\n` +
		`\| Share with emergency network cover \| ([\d.]+%) \| ([\d.]+%) \|\n` +
		`\| People with county-level care cover \| ([\d,]+) \| ([\d,]+) \|\n` +
		`\| Share with county-level care cover \| ([\d.]+%) \| ([\d.]+%) \|$`)
	reportPeople = regexp.MustCompile(`(?m)^([\d,]+) people live in `)
	reportCounty = regexp.MustCompile(`(?m)^### (.+)\n\n([\d,]+) (?:people|person) in [\d,]+ villages?\. ` +
		`Emergency network cover within [\d.]+ km: ([\d,]+) (?:people|person) \(([\d.]+%)\)\. ` +
		`County-level care cover within [\d.]+ km today: ([\d,]+) (?:people|person) \(([\d.]+%)\)(?:; with the proposed sub-centres: ([\d,]+) (?:people|person) \(([\d.]+%)\))?`)
	reportSweep = regexp.MustCompile(`(?m)^\| ([\d.]+) \| (\w+) \| [\d,]+ \| ([\d,]+) \| ([\d,]+) \| ([\d,]+) \| ([\d.]+%) \| ([\d.]+%) \| ([\d.]+%) \|$`)
)

// grouped parses "1,234".
func grouped(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(strings.ReplaceAll(s, ",", ""), 10, 64)
	if err != nil {
		t.Fatalf("number %q: %v", s, err)
	}
	return n
}

// reportCover reads the Markdown report: the totals table, each county's
// sentence (a county without sites keeps its care: after = today) and the
// sweep rows, with the percentages it prints.
func reportCover(t *testing.T, name string, md string) (map[string]coverPop, map[string]coverPct, map[string]coverPop) {
	t.Helper()
	pops, pcts, sweep := map[string]coverPop{}, map[string]coverPct{}, map[string]coverPop{}
	m, people := reportTotals.FindStringSubmatch(md), reportPeople.FindStringSubmatch(md)
	if m == nil || people == nil || m[1] != m[2] || m[3] != m[4] {
		t.Fatalf("%s: no totals table, or emergency network cover changes with the sub-centres: %q", name, m)
	}
	pops[totalKey] = coverPop{grouped(t, people[1]), grouped(t, m[1]), grouped(t, m[5]), grouped(t, m[6])}
	pcts[totalKey] = coverPct{m[3], m[7], m[8]}
	for _, c := range reportCounty.FindAllStringSubmatch(md, -1) {
		after, afterPct := c[5], c[6]
		if c[7] != "" {
			after, afterPct = c[7], c[8]
		}
		pops[c[1]] = coverPop{grouped(t, c[2]), grouped(t, c[3]), grouped(t, c[5]), grouped(t, after)}
		pcts[c[1]] = coverPct{c[4], c[6], afterPct}
	}
	for _, r := range reportSweep.FindAllStringSubmatch(md, -1) {
		sweep[r[1]+"/"+r[2]] = coverPop{0, grouped(t, r[3]), grouped(t, r[4]), grouped(t, r[5])}
	}
	return pops, pcts, sweep
}

// planTable reads the CLI's plan table from stdout: the share columns
// Network cover, County care today and County care after of each county
// and the total, and of each sweep row ("radius/k").
func planTable(t *testing.T, stdout string) (map[string]coverPct, map[string]coverPct) {
	t.Helper()
	rows, sweep := map[string]coverPct{}, map[string]coverPct{}
	var in string
	for _, line := range strings.Split(stdout, "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) >= 6 && f[0] == "County" && f[3] == "Network" && strings.Join(f[3:9], " ") == "Network cover County care today County":
			in = "counties"
		case len(f) >= 6 && f[0] == "Radius" && strings.Join(f[5:11], " ") == "Network cover County care today County":
			in = "sweep"
		case len(f) == 0:
			in = ""
		case in == "counties" && len(f) >= 7 && !strings.HasPrefix(f[0], "---"):
			key := f[0]
			if key == "Total" {
				key = totalKey
			}
			rows[key] = coverPct{f[3], f[4], f[5]}
		case in == "sweep" && len(f) >= 6:
			sweep[f[0]+"/"+f[1]] = coverPct{f[3], f[4], f[5]}
		}
	}
	if len(rows) == 0 {
		t.Fatalf("no plan table with the columns Network cover, County care today, County care after on stdout:\n%s", stdout)
	}
	return rows, sweep
}
