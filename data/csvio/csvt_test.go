package csvio

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestColumnTypes(t *testing.T) {
	for _, c := range []struct {
		name, csv string
		want      []string
	}{
		{"every kind", "\uFEFFid,n,big,x,ok,name,empty\n001,1,3000000000,1.5,true,a,\n2,-20,1,2,false,b,\n",
			[]string{"String", "Integer", "Integer64", "Real", "Integer(Boolean)", "String", "String"}},
		{"nulls do not decide", "a,b,c\n,,\n7,0.25,true\n,,\n", []string{"Integer", "Real", "Integer(Boolean)"}},
		{"identifiers stay text", "thc_id,member_ids,idx\n12,3,4\n", []string{"String", "String", "Integer"}},
		{"leading zeros and mixed", "code,v,w\n007,1,1\n8,x,TRUE\n", []string{"String", "String", "String"}},
		{"integers beyond 64 bits are reals", "n\n123456789012345678901234\n", []string{"Real"}},
		{"exponents are reals", "n\n1e5\n-2.5E-3\n", []string{"Real"}},
		{"not numbers", "n\nNaN\n", []string{"String"}},
		{"lon and lat make points", "id,lon,lat\nV,112.5,37\n", []string{"String", "CoordX", "CoordY"}},
		{"lon alone is a number", "id,lon,seat_lat\nV,112.5,37.1\n", []string{"String", "Real", "Real"}},
		{"lon and lat not numbers", "lon,lat\n112E,37N\n", []string{"String", "String"}},
		{"header only", "a,b\n", []string{"String", "String"}},
		{"quoted cells", "a,b\n\"1,2\",\"3\"\n", []string{"String", "Integer"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, got, err := ColumnTypes(strings.NewReader(c.csv))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("types %q, want %q", got, c.want)
			}
		})
	}
	for _, bad := range []string{"", "a,b\n1,\"2\n"} {
		if _, _, err := ColumnTypes(strings.NewReader(bad)); err == nil {
			t.Errorf("ColumnTypes(%q) accepted a broken table", bad)
		}
	}
}

func TestWriteSidecars(t *testing.T) {
	dir := t.TempDir()
	points := filepath.Join(dir, "villages.csv")
	plain := filepath.Join(dir, "counties.csv")
	os.WriteFile(points, []byte("\uFEFFid,population,lon,lat,covered\nV1,10,112.5,37.1,true\n"), 0o644)
	os.WriteFile(plain, []byte("county,share\nA,0.5\n"), 0o644)
	for _, c := range []struct {
		path, csvt string
		prj        bool
	}{
		{points, `"String","Integer","CoordX","CoordY","Integer(Boolean)"` + "\n", true},
		{plain, `"String","Real"` + "\n", false},
	} {
		written, err := WriteSidecars(c.path)
		if err != nil {
			t.Fatal(err)
		}
		base := strings.TrimSuffix(c.path, ".csv")
		want := []string{base + ".csvt"}
		if c.prj {
			want = append(want, base+".prj")
		}
		if !slices.Equal(written, want) {
			t.Errorf("wrote %q, want %q", written, want)
		}
		if b, _ := os.ReadFile(base + ".csvt"); string(b) != c.csvt {
			t.Errorf("%s.csvt: %q, want %q", base, b, c.csvt)
		}
		b, err := os.ReadFile(base + ".prj")
		if c.prj != (err == nil) || c.prj && !strings.Contains(string(b), "WGS_1984") {
			t.Errorf("%s.prj: %q, %v (want one: %v)", base, b, err, c.prj)
		}
	}
	if _, err := WriteSidecars(filepath.Join(dir, "table.txt")); err == nil {
		t.Error("a sidecar for a file not ending in .csv")
	}
	if _, err := WriteSidecars(filepath.Join(dir, "missing.csv")); err == nil {
		t.Error("sidecars for a missing file")
	}
}
