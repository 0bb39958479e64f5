package roads

import (
	"context"
	"math"
	"testing"
)

// BenchmarkDijkstra is one full search over a 250,000-node random grid.
func BenchmarkDijkstra(b *testing.B) {
	net := mustBuild(b, randomWays(40, 500, 0.9, 0.1))
	sc := net.getScratch()
	defer net.putScratch(sc)
	b.ResetTimer()
	for k := range b.N {
		sc.reset(net.NumGraphNodes())
		net.dijkstra(context.Background(), sc, &net.rev, false, []seed{{node: int32(k * 7919 % net.NumGraphNodes())}}, math.Inf(1), nil)
	}
	b.ReportMetric(float64(net.NumGraphNodes()), "graph-nodes")
}
