package roads

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"testing"
)

func TestWriteReadRoundTrip(t *testing.T) {
	net := mustBuild(t, randomWays(20, 12, 0.8, 0.2))
	var buf bytes.Buffer
	n, err := net.WriteTo(&buf)
	if err != nil || n != int64(buf.Len()) {
		t.Fatalf("WriteTo: %d bytes, %v (buffer %d)", n, err, buf.Len())
	}
	got, err := ReadNetwork(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.lon, net.lon) || !slices.Equal(got.lat, net.lat) ||
		!slices.Equal(got.seg.lenM, net.seg.lenM) || !slices.Equal(got.seg.dir, net.seg.dir) ||
		!slices.Equal(got.fwd.to, net.fwd.to) || !slices.Equal(got.rev.secs, net.rev.secs) ||
		!slices.Equal(got.comp, net.comp) {
		t.Fatal("network read back differs")
	}
	sites := randomSites(20, 30, 12)
	ctx := context.Background()
	a, _ := Metric{Net: net}.Matrix(ctx, sites)
	b, _ := Metric{Net: got}.Matrix(ctx, sites)
	if !slices.Equal(a, b) {
		t.Fatal("matrix differs after the round trip")
	}
}

func TestReadNetworkRejects(t *testing.T) {
	net := mustBuild(t, randomWays(21, 5, 1, 0))
	var buf bytes.Buffer
	net.WriteTo(&buf)
	good := buf.Bytes()
	flip := func(i int) []byte { b := slices.Clone(good); b[i] ^= 0x40; return b }
	huge := slices.Clone(good)
	copy(huge[12:], []byte{0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0})
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrFormat},
		{"magic", flip(0), ErrFormat},
		{"version", flip(8), ErrFormat},
		{"truncated", good[:len(good)-30], ErrFormat},
		{"no checksum", good[:len(good)-4], ErrFormat},
		{"checksum", flip(len(good) - 1), ErrChecksum},
		{"payload bit", flip(40), ErrChecksum},
		{"huge count", huge, ErrFormat},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ReadNetwork(bytes.NewReader(tc.in)); !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}

func FuzzReadNetwork(f *testing.F) {
	for _, seed := range []uint64{1, 2} {
		var buf bytes.Buffer
		mustBuild(f, randomWays(seed, 3, 1, 0.3)).WriteTo(&buf)
		f.Add(buf.Bytes())
	}
	f.Add([]byte(fileMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		net, err := ReadNetwork(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrFormat) && !errors.Is(err, ErrChecksum) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		// A network that reads must be usable.
		var buf bytes.Buffer
		if _, err := net.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		if net.NumNodes() > 0 {
			sites := randomSites(1, 3, 3)
			if _, err := (Metric{Net: net}).Matrix(context.Background(), sites); err != nil {
				t.Fatal(err)
			}
		}
	})
}
