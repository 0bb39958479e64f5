package roads

// Stats summarises a Network for progress and summary output.
type Stats struct {
	// Nodes are the way points after joining; Segments the undirected
	// pieces between consecutive points (the unit of snapping).
	Nodes, Segments int
	// GraphNodes are the nodes searches run on (junctions, dead ends,
	// changes of speed or direction); Chains the undirected edges between
	// them (runs of segments); Edges the directed edges (a two-way chain
	// gives two).
	GraphNodes, Chains, Edges int
	// Components is the number of weakly connected components and
	// LargestComponent the node count of the largest.
	Components, LargestComponent int
	// Bytes is the memory held by the network's arrays and segment index
	// (an estimate for the R-tree's nodes), not counting search scratch
	// (32 bytes per node per concurrent search).
	Bytes int64
}

// Stats returns the network's size figures.
func (net *Network) Stats() Stats {
	st := Stats{
		Nodes:      net.NumNodes(),
		Segments:   net.NumSegments(),
		GraphNodes: net.NumGraphNodes(),
		Chains:     net.ch.len(),
		Edges:      net.NumEdges(),
		Components: net.Components(),
	}
	for _, c := range net.compNodes {
		st.LargestComponent = max(st.LargestComponent, int(c))
	}
	n, s, g, c := int64(st.Nodes), int64(st.Segments), int64(st.GraphNodes), int64(st.Chains)
	st.Bytes = n*16 + // lon, lat
		s*(4+4+8+4+1) + // segments
		n*4 + g*4 + // gnode, gpoint
		c*(4+4+8+8+1+4) + s*4 + // chains and their segment lists
		s*(4+8+1) + // placements
		2*(g+1)*4 + 2*int64(st.Edges)*(4+8+8+4) + // fwd, rev
		n*4 + int64(len(net.compNodes))*4 + // components
		s*4 + int64(len(net.index.bucketStart))*4 + // index order, buckets
		net.index.tree.bytes() // R-tree boxes
	return st
}
