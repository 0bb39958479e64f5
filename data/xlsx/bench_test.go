package xlsx

import (
	"bytes"
	"fmt"
	"testing"
)

// villagesBook is an n-row village table written by WriteTables.
func villagesBook(b *testing.B, n int) []byte {
	b.Helper()
	s := Sheet{Name: "村庄", Header: []string{"代码", "村名", "乡镇", "县", "人口", "经度", "纬度"}}
	for i := range n {
		s.Rows = append(s.Rows, []Cell{Text(fmt.Sprintf("14010500%04d", i)), Text(fmt.Sprintf("村%d", i)), Text("北格镇"),
			Text("小店区"), Int(int64(100 + i%3000)), Number(112.5 + float64(i)*1e-5), Number(37.7 + float64(i)*1e-5)})
	}
	var buf bytes.Buffer
	if err := WriteTables(&buf, []Sheet{s}); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func BenchmarkReadRecords(b *testing.B) {
	for _, n := range []int{1_000, 20_000} {
		data := villagesBook(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				rec, err := ReadRecords(bytes.NewReader(data), "b.xlsx", Options{})
				if err != nil || len(rec.Rows) != n {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkWriteTables(b *testing.B) {
	for _, n := range []int{20_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				villagesBook(b, n)
			}
		})
	}
}
