package data

import (
	"bytes"
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/internal/enc"
	"github.com/catchment/catchment/data/internal/fixture"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// TestWriteInputRoundTrip writes villages and facilities in the input
// format and reads them back with the readers: they must come back equal
// (names with invalid UTF-8 come back with U+FFFD, as written).
func TestWriteInputRoundTrip(t *testing.T) {
	villages := fixture.InputVillages()
	var buf bytes.Buffer
	if err := csvio.WriteVillagesCSV(&buf, villages); err != nil {
		t.Fatal(err)
	}
	got, rep, err := ReadVillages(bytes.NewReader(buf.Bytes()), "villages.csv", table.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Rejected) != 0 {
		t.Fatalf("reader rejected rows: %+v", rep.Rejected)
	}
	want := fixture.InputVillages()
	for i := range want {
		want[i].Name = enc.ValidText(want[i].Name)
		want[i].Location = orb.Point{fixture.Rounded7(t, want[i].Location[0]), fixture.Rounded7(t, want[i].Location[1])}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("villages after round trip:\n got %+v\nwant %+v", got, want)
	}

	facilities := fixture.InputFacilities()
	buf.Reset()
	if err := csvio.WriteFacilitiesCSV(&buf, facilities); err != nil {
		t.Fatal(err)
	}
	gotF, rep, err := ReadFacilities(bytes.NewReader(buf.Bytes()), "facilities.csv", table.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Rejected) != 0 {
		t.Fatalf("reader rejected rows: %+v", rep.Rejected)
	}
	wantF := fixture.InputFacilities()
	// F01 has no 电话 extra; the file gives it an empty one.
	wantF[0].Extra = []planner.Attr{{Key: "电话", Value: ""}}
	if !reflect.DeepEqual(gotF, wantF) {
		t.Errorf("facilities after round trip:\n got %+v\nwant %+v", gotF, wantF)
	}
}

func TestWriteInputRejects(t *testing.T) {
	cases := []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"village extra named like the id column", func(b *bytes.Buffer) error { return csvio.WriteVillagesCSV(b, fixture.Villages()) }},
		{"village extra named like a Chinese alias", func(b *bytes.Buffer) error {
			return csvio.WriteVillagesCSV(b, []planner.Village{{ID: "a", Extra: []planner.Attr{{Key: "经度", Value: "1"}}}})
		}},
		{"village extra with empty name", func(b *bytes.Buffer) error {
			return csvio.WriteVillagesCSV(b, []planner.Village{{ID: "a", Extra: []planner.Attr{{Key: "", Value: "1"}}}})
		}},
		{"village extra twice", func(b *bytes.Buffer) error {
			return csvio.WriteVillagesCSV(b, []planner.Village{{ID: "a", Extra: []planner.Attr{{Key: "k", Value: "1"}, {Key: "k", Value: "2"}}}})
		}},
		{"village NaN", func(b *bytes.Buffer) error {
			return csvio.WriteVillagesCSV(b, []planner.Village{{ID: "a", Location: orb.Point{math.NaN(), 23}}})
		}},
		{"facility extra named like the type column", func(b *bytes.Buffer) error { return csvio.WriteFacilitiesCSV(b, fixture.Facilities()) }},
		{"facility unknown type", func(b *bytes.Buffer) error {
			return csvio.WriteFacilitiesCSV(b, []planner.Facility{{ID: "f", Type: "hospital"}})
		}},
		{"facility infinite", func(b *bytes.Buffer) error {
			return csvio.WriteFacilitiesCSV(b, []planner.Facility{{ID: "f", Type: planner.VillageClinic, Location: orb.Point{113, math.Inf(1)}}})
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := c.write(&buf); !errors.Is(err, table.ErrWriteInput) {
				t.Fatalf("err = %v, want ErrWriteInput", err)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes before failing", buf.Len())
			}
		})
	}
	// A column a village file does not use is a plain extra for it.
	var buf bytes.Buffer
	if err := csvio.WriteFacilitiesCSV(&buf, []planner.Facility{{ID: "f", Type: planner.VillageClinic, Extra: []planner.Attr{{Key: "population", Value: "9"}}}}); err != nil {
		t.Errorf("facility extra named population: %v", err)
	}
}
