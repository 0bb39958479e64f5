package xlsx_test

import (
	"bytes"
	"fmt"

	"github.com/catchment/catchment/data/xlsx"
)

// Write a plan table and read it back as text rows with their row numbers.
func Example() {
	var buf bytes.Buffer
	err := xlsx.WriteTables(&buf, []xlsx.Sheet{{
		Name:   "村庄",
		Header: []string{"代码", "村名", "人口"},
		Rows: [][]xlsx.Cell{
			{xlsx.Text("140105100201"), xlsx.Text("北格村"), xlsx.Int(1800)},
			{xlsx.Text("合计"), {}, xlsx.Int(1800)},
		},
	}})
	if err != nil {
		panic(err)
	}
	rec, err := xlsx.ReadRecords(&buf, "villages.xlsx", xlsx.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println(rec.Header)
	for _, r := range rec.Rows {
		fmt.Println(r.Line, r.Cells)
	}
	for _, w := range rec.Warnings {
		fmt.Println(w)
	}
	// Output:
	// [代码 村名 人口]
	// 2 [140105100201 北格村 1800]
	// villages.xlsx:3: total row "合计" skipped
}
