package server

// DefaultMaxMemoryBytes is the default memory budget (Config.MaxMemoryBytes):
// 2.5 GiB of estimated working memory, sized for a 4 GB host, which leaves
// room for the Go runtime, the parsed datasets kept in the cache and the
// operating system.
const DefaultMaxMemoryBytes = 2560 << 20

// Memory estimates: what the server asks its budget (a budget.Memory of
// Config.MaxMemoryBytes) for. BenchmarkUploadCoverage1M measured (README,
// Performance) a 120 MB upload of 1,606,182 villages and facilities
// raising resident memory by 1,074 MB (9.4 bytes per uploaded byte, the
// benchmark's own copy of the body included), and coverage with three
// radii on it, loaded from its files and streamed as 322 MB of GeoJSON,
// by 423 MB (276 bytes per village or facility). The estimates round
// those up. Plans were not measured: planBytesPerItem is a conservative
// guess (a plan holds the coverage result and the clinic plan).
const (
	uploadBytesPerByte   = 10
	coverageBytesPerItem = 400
	planBytesPerItem     = 1200
)

// datasetMemory estimates the working memory of computing on a dataset of
// this size: per village and facility, perItem bytes.
func datasetMemory(rec *datasetRecord, perItem int64) int64 {
	return int64(rec.Villages+rec.Facilities)*perItem + 1<<20
}
