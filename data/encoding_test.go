package data

import (
	"errors"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/table"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// readTestEncode encodes UTF-8 text with e.
func readTestEncode(t *testing.T, e encoding.Encoding, s string) string {
	t.Helper()
	b, err := e.NewEncoder().String(s)
	if err != nil {
		t.Fatalf("encoding %q: %v", s, err)
	}
	return b
}

func TestReadEncodings(t *testing.T) {
	const utf8Text = "编号,村名,县,乡镇,人口,经度,纬度\n140121001,东关村,清徐县,清源镇,2310,112.3581,37.6072\n"
	gbkText := readTestEncode(t, simplifiedchinese.GBK, utf8Text)
	// 䶮 (U+4DAE) is outside GBK: GB18030 writes it with four bytes.
	const rareText = "id,name,county,township,population,lon,lat\nV1,䶮村,清徐县,清源镇,5,112.3,37.6\n"
	gb18030Text := readTestEncode(t, simplifiedchinese.GB18030, rareText)
	if strings.Contains(gbkText, "东关村") || strings.Contains(gb18030Text, "䶮") {
		t.Fatal("fixtures were not re-encoded")
	}

	tests := []struct {
		name     string
		in       string
		encoding string
		wantEnc  string
		wantName string
		warn     string // substring of the single expected warning
	}{
		{"utf-8 auto", utf8Text, "", "utf-8", "东关村", ""},
		{"utf-8 with BOM auto", "\ufeff" + utf8Text, "", "utf-8", "东关村", ""},
		{"utf-8 forced", utf8Text, "UTF-8", "utf-8", "东关村", ""},
		{"utf-8 with BOM forced", "\ufeff" + utf8Text, "utf8", "utf-8", "东关村", ""},
		{"gbk auto", gbkText, "", "gb18030", "东关村", "read it as GB18030"},
		{"gbk auto explicit", gbkText, "auto", "gb18030", "东关村", "read it as GB18030"},
		{"gbk forced", gbkText, "gbk", "gbk", "东关村", ""},
		{"cp936 forced", gbkText, "CP936", "gbk", "东关村", ""},
		{"gb2312 forced", gbkText, "gb2312", "gbk", "东关村", ""},
		{"gbk as gb18030", gbkText, "gb18030", "gb18030", "东关村", ""},
		{"gb18030 four-byte auto", gb18030Text, "", "gb18030", "䶮村", "GB18030"},
		{"gb18030 four-byte forced", gb18030Text, "GB18030", "gb18030", "䶮村", ""},
		{"gb18030 BOM", "\x84\x31\x95\x33" + gb18030Text, "gb18030", "gb18030", "䶮村", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs, rep, err := readTestVillages(t, tt.in, table.ReadOptions{Encoding: tt.encoding})
			readTestMust(t, err)
			if len(vs) != 1 || vs[0].Name != tt.wantName {
				t.Fatalf("villages %+v, want one named %q", vs, tt.wantName)
			}
			if rep.Encoding != tt.wantEnc {
				t.Errorf("encoding %q, want %q", rep.Encoding, tt.wantEnc)
			}
			switch {
			case tt.warn == "" && len(rep.Warnings) != 0:
				t.Errorf("unexpected warnings %+v", rep.Warnings)
			case tt.warn != "" && (len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0].Reason, tt.warn)):
				t.Errorf("warnings %+v, want one with %q", rep.Warnings, tt.warn)
			}
		})
	}
}

func TestReadUndecodableBytes(t *testing.T) {
	header := readTestVillageHeader + "\n"
	good := "V1,东关村,清徐县,清源镇,10,112.3,37.6\n"

	t.Run("gbk forced as utf-8", func(t *testing.T) {
		in := header + good + readTestEncode(t, simplifiedchinese.GBK, "V2,西关村,清徐县,清源镇,10,112.3,37.6\n")
		vs, rep, err := readTestVillages(t, in, table.ReadOptions{Encoding: "utf-8"})
		readTestMust(t, err)
		if len(vs) != 1 || vs[0].ID != "V1" {
			t.Errorf("accepted %+v, want V1", vs)
		}
		readTestRejection(t, rep, "v.csv", 3, "V2", "name contains bytes that are not valid utf-8",
			"county contains bytes", "township contains bytes")
	})

	t.Run("mostly utf-8 stays utf-8 in auto mode", func(t *testing.T) {
		// Many good UTF-8 rows and one broken byte: a corrupt row, not a GBK file.
		in := header + strings.Repeat(good, 1)
		for i := 2; i < 12; i++ {
			in += "V" + string(rune('A'+i)) + ",东关村,清徐县,清源镇,10,112.3,37.6\n"
		}
		in += "VX,坏\xff村,清徐县,清源镇,10,112.3,37.6\n" // line 13
		vs, rep, err := readTestVillages(t, in, table.ReadOptions{})
		readTestMust(t, err)
		if rep.Encoding != "utf-8" || len(vs) != 11 || vs[0].Name != "东关村" {
			t.Errorf("encoding %q, %d villages (%+v)", rep.Encoding, len(vs), vs[:1])
		}
		readTestRejection(t, rep, "v.csv", 13, "VX", "name contains bytes that are not valid utf-8")
		if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0].Reason, "1 invalid byte") {
			t.Errorf("warnings %+v", rep.Warnings)
		}
	})

	t.Run("bytes invalid in gb18030", func(t *testing.T) {
		// 0xFF is never valid in GB18030; the decoder marks it U+FFFD.
		in := header + readTestEncode(t, simplifiedchinese.GBK, good) + "V2,x\xffy,清徐县,清源镇,10,112.3,37.6\n"
		vs, rep, err := readTestVillages(t, in, table.ReadOptions{Encoding: "gbk"})
		readTestMust(t, err)
		if len(vs) != 1 || vs[0].County != "清徐县" {
			t.Errorf("accepted %+v", vs)
		}
		readTestRejection(t, rep, "v.csv", 3, "V2", "name contains bytes that are not valid gbk")
	})

	t.Run("extra column checked too", func(t *testing.T) {
		in := "id,name,county,township,population,lon,lat,note\nV1,a,c,t,1,112,37,ok\nV2,a,c,t,1,112,37,\xff\n"
		_, rep, err := readTestVillages(t, in, table.ReadOptions{Encoding: "utf-8"})
		readTestMust(t, err)
		readTestRejection(t, rep, "v.csv", 3, "V2", `column "note" contains bytes`)
	})
}

func TestReadEncodingErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opt  table.ReadOptions
		want string
	}{
		{"unknown encoding", readTestVillageHeader + "\n", table.ReadOptions{Encoding: "big5"}, `unknown encoding "big5"`},
		{"UTF-16LE", "\xff\xfei\x00d\x00", table.ReadOptions{}, "UTF-16"},
		{"UTF-16BE", "\xfe\xff\x00i\x00d", table.ReadOptions{Encoding: "gbk"}, "UTF-16"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readTestVillages(t, tt.in, tt.opt)
			if !errors.Is(err, table.ErrFormat) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want ErrFormat with %q", err, tt.want)
			}
		})
	}
}

func TestParseEncoding(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", "auto"},
		{"auto", "auto"},
		{" AUTO ", "auto"},
		{"utf-8", "utf-8"},
		{"UTF8", "utf-8"},
		{"gbk", "gbk"},
		{"CP936", "gbk"},
		{"gb2312", "gbk"},
		{"GB18030", "gb18030"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := table.ParseEncoding(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("ParseEncoding(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
			// Every name ParseEncoding accepts, the readers accept.
			if _, _, err := readTestVillages(t, readTestVillageHeader+"\nV1,a,c,t,1,116,39\n", table.ReadOptions{Encoding: tt.in}); err != nil {
				t.Errorf("reading with %q: %v", tt.in, err)
			}
		})
	}
	for _, bad := range []string{"big5", "latin1", "utf-16", "gbk2"} {
		t.Run(bad, func(t *testing.T) {
			got, err := table.ParseEncoding(bad)
			if !errors.Is(err, table.ErrEncoding) || got != "" || !strings.Contains(err.Error(), `"`+bad+`"`) {
				t.Errorf("ParseEncoding(%q) = %q, %v; want ErrEncoding naming it", bad, got, err)
			}
			// The readers refuse it too, as both a format and an encoding error.
			_, _, err = readTestVillages(t, readTestVillageHeader+"\nV1,a,c,t,1,116,39\n", table.ReadOptions{Encoding: bad})
			if !errors.Is(err, table.ErrFormat) || !errors.Is(err, table.ErrEncoding) {
				t.Errorf("reading with %q: error %v, want ErrFormat and ErrEncoding", bad, err)
			}
		})
	}
}

// TestReadFileLevelWarnings checks that warnings about the whole input have
// Line 0 and print as "file", never "file:0".
func TestReadFileLevelWarnings(t *testing.T) {
	gbk := readTestEncode(t, simplifiedchinese.GBK, "编号,村名,县,乡镇,人口,经度,纬度\n1,东关村,清徐县,清源镇,2310,112.3581,37.6072\n")
	tests := []struct {
		name, in string
		warn     string
	}{
		{"guessed GB18030", gbk, "read it as GB18030"},
		{"tab delimiter", strings.ReplaceAll(readTestVillageHeader, ",", "\t") + "\nV1\ta\tc\tt\t1\t116\t39\n", "tab"},
		{"population columns", "id,name,county,township,户籍人口,常住人口,lon,lat\nV1,a,c,t,1,2,116,39\n", "population columns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, rep, err := ReadVillages(strings.NewReader(tt.in), "gbk.csv", table.ReadOptions{})
			readTestMust(t, err)
			readTestWarning(t, rep, tt.warn)
		})
	}
	if got := (table.Rejection{File: "v.csv", Line: 3}).Position(); got != "v.csv:3" {
		t.Errorf("row position %q, want v.csv:3", got)
	}
}

// TestReadWrongEncodingHint: a UTF-8 table read as GBK, or a GBK one read
// as UTF-8, garbles every Chinese header name; the "missing column" error
// then says the encoding may be wrong and which one reads the header.
func TestReadWrongEncodingHint(t *testing.T) {
	const utf8Text = "编号,村名,县,乡镇,常住人口,经度,纬度\n140121001,东关村,清徐县,清源镇,2310,112.3581,37.6072\n"
	gbkText := readTestEncode(t, simplifiedchinese.GBK, utf8Text)
	cases := []struct {
		name, in, encoding, hint string
	}{
		{"UTF-8 read as GBK", utf8Text, "gbk", "hint: the encoding may be wrong: read as GBK the header has 0 known column name(s), read as UTF-8 7 (编号, 村名, 县, 乡镇, …); the file is probably UTF-8"},
		{"GBK read as UTF-8", gbkText, "utf-8", "read as UTF-8 the header has 0 known column name(s), read as GB18030 7"},
		{"right encoding, wrong header", strings.Replace(utf8Text, "村名", "村子", 1), "utf-8", ""},
		{"auto", strings.Replace(utf8Text, "村名", "村子", 1), "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := ReadVillages(strings.NewReader(c.in), "v.csv", table.ReadOptions{Encoding: c.encoding})
			if !errors.Is(err, table.ErrMissingColumn) {
				t.Fatalf("err = %v, want a missing column", err)
			}
			if got := strings.Contains(err.Error(), "hint: the encoding may be wrong"); got != (c.hint != "") || !strings.Contains(err.Error(), c.hint) {
				t.Errorf("err = %v\nwant hint %q", err, c.hint)
			}
		})
	}
}
