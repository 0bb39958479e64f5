package geo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// BenchmarkODMatrix: villages × facilities tables of growing size, every
// pair present (the densest table a user brings).
func BenchmarkODMatrix(b *testing.B) {
	for _, size := range []struct{ villages, facilities int }{{1000, 20}, {20000, 50}, {100000, 100}} {
		rng := rand.New(rand.NewPCG(1, 2))
		pairs := make([]ODPair, 0, size.villages*size.facilities)
		origins := make([]Site, size.villages)
		targets := make([]Site, size.facilities)
		for j := range targets {
			targets[j].ID = fmt.Sprint("f", j)
		}
		for i := range origins {
			origins[i].ID = fmt.Sprint("v", i)
			for j := range targets {
				pairs = append(pairs, ODPair{origins[i].ID, targets[j].ID, rng.Float64() * 50, rng.Float64() * 90})
			}
		}
		name := fmt.Sprintf("%dx%d", size.villages, size.facilities)
		b.Run("build/"+name, func(b *testing.B) {
			for b.Loop() {
				if _, err := NewODMatrix(pairs, Metres); err != nil {
					b.Fatal(err)
				}
			}
		})
		m, err := NewODMatrix(pairs, Metres)
		if err != nil {
			b.Fatal(err)
		}
		b.Run("nearest/"+name, func(b *testing.B) {
			for b.Loop() {
				m.Nearest(context.Background(), origins, targets, math.Inf(1))
			}
		})
		b.Run("within/"+name, func(b *testing.B) {
			for b.Loop() {
				m.Within(context.Background(), origins, targets, 20000)
			}
		})
	}
}
