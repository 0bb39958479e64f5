package gpkg

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkWritePoints writes a villages layer of n points with five
// attributes, spatial index included.
func BenchmarkWritePoints(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		layers := sampleLayers(n)[:1]
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "b.gpkg")
			for b.Loop() {
				if err := Write(context.Background(), path, layers); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
