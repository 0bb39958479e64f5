package roads

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"math"
	"slices"

	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
)

// The prepared-network file, little-endian throughout:
//
//	magic    [8]byte  "CATROADS"
//	version  uint32   1
//	nodes    uint64   node count N
//	segments uint64   segment count S
//	N × { lon, lat float64 }                       degrees
//	S × { a, b int32; lenM float64; speedKmh float32; oneway int8 }
//	crc      uint32   CRC-32C (Castagnoli) of every byte before it
//
// The CSR graphs, components and the segment index are derived again on
// reading (a few seconds at most for millions of nodes), so the file holds
// only what the road reader produced.
const (
	fileMagic   = "CATROADS"
	fileVersion = 1
	segRecord   = 4 + 4 + 8 + 4 + 1
	readChunk   = 1 << 16 // records read per step: allocation follows the data, not the header
)

var (
	// ErrFormat is wrapped by ReadNetwork for input that is not a valid
	// prepared network (wrong magic, unknown version, bad records, short).
	ErrFormat = errors.New("roads: not a prepared road network")
	// ErrChecksum is wrapped by ReadNetwork when the checksum does not match.
	ErrChecksum = errors.New("roads: prepared road network checksum mismatch")
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// WriteTo writes the network in the prepared-network format and returns
// the number of bytes written.
func (net *Network) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	bw := bufio.NewWriterSize(cw, 1<<16)
	crc := crc32.New(castagnoli)
	out := io.MultiWriter(bw, crc)
	var buf [segRecord]byte
	put := func(b []byte) {
		out.Write(b) // errors surface from bw.Flush
	}
	put([]byte(fileMagic))
	put(binary.LittleEndian.AppendUint32(buf[:0], fileVersion))
	put(binary.LittleEndian.AppendUint64(buf[:0], uint64(net.NumNodes())))
	put(binary.LittleEndian.AppendUint64(buf[:0], uint64(net.NumSegments())))
	for v := range net.lon {
		b := binary.LittleEndian.AppendUint64(buf[:0], math.Float64bits(net.lon[v]))
		put(binary.LittleEndian.AppendUint64(b, math.Float64bits(net.lat[v])))
	}
	s := &net.seg
	for i := range s.a {
		b := binary.LittleEndian.AppendUint32(buf[:0], uint32(s.a[i]))
		b = binary.LittleEndian.AppendUint32(b, uint32(s.b[i]))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(s.lenM[i]))
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(s.speedKmh[i]))
		put(append(b, byte(s.dir[i])))
	}
	bw.Write(binary.LittleEndian.AppendUint32(buf[:0], crc.Sum32()))
	err := bw.Flush()
	return cw.n, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// ReadNetwork reads a network written by WriteTo. It never panics on bad
// input: errors wrap ErrFormat or ErrChecksum, and memory grows with the
// data actually read, not with the counts the header claims.
func ReadNetwork(r io.Reader) (*Network, error) {
	crc := crc32.New(castagnoli)
	br := bufio.NewReaderSize(r, 1<<16)
	in := io.TeeReader(br, crc)
	var head [8 + 4 + 8 + 8]byte
	if _, err := io.ReadFull(in, head[:]); err != nil {
		return nil, fmt.Errorf("%w: header: %v", ErrFormat, err)
	}
	if string(head[:8]) != fileMagic {
		return nil, fmt.Errorf("%w: bad magic %q", ErrFormat, head[:8])
	}
	if v := binary.LittleEndian.Uint32(head[8:]); v != fileVersion {
		return nil, fmt.Errorf("%w: version %d, want %d", ErrFormat, v, fileVersion)
	}
	nNodes, nSegs := binary.LittleEndian.Uint64(head[12:]), binary.LittleEndian.Uint64(head[20:])
	if nNodes >= math.MaxInt32 || nSegs >= math.MaxInt32/2 {
		return nil, fmt.Errorf("%w: %d nodes, %d segments: too many", ErrFormat, nNodes, nSegs)
	}
	lon, lat, err := readNodes(in, int(nNodes))
	if err != nil {
		return nil, err
	}
	seg, err := readSegments(in, int(nSegs), int32(nNodes))
	if err != nil {
		return nil, err
	}
	return finishRead(br, crc, lon, lat, seg)
}

func finishRead(br *bufio.Reader, crc hash.Hash32, lon, lat []float64, seg segments) (*Network, error) {
	want := crc.Sum32()
	var tail [4]byte
	if _, err := io.ReadFull(br, tail[:]); err != nil {
		return nil, fmt.Errorf("%w: checksum: %v", ErrFormat, err)
	}
	if got := binary.LittleEndian.Uint32(tail[:]); got != want {
		return nil, fmt.Errorf("%w: stored %08x, computed %08x", ErrChecksum, got, want)
	}
	return newNetwork(lon, lat, seg), nil
}

// readNodes reads n node records. Memory follows the records read, not
// the count the header claims: they are read in chunks and joined once at
// the end.
func readNodes(in io.Reader, n int) (lon, lat []float64, err error) {
	buf := make([]byte, 16*min(n, readChunk))
	var lons, lats [][]float64
	for done := 0; done < n; {
		k := min(n-done, readChunk)
		if _, err := io.ReadFull(in, buf[:16*k]); err != nil {
			return nil, nil, fmt.Errorf("%w: node %d: %v", ErrFormat, done, err)
		}
		cx, cy := make([]float64, k), make([]float64, k)
		for q := range k {
			p := orb.Point{
				math.Float64frombits(binary.LittleEndian.Uint64(buf[16*q:])),
				math.Float64frombits(binary.LittleEndian.Uint64(buf[16*q+8:])),
			}
			if !geo.ValidPoint(p) || math.Abs(p[0]) > 180 {
				return nil, nil, fmt.Errorf("%w: node %d: invalid coordinate %v", ErrFormat, done+q, p)
			}
			cx[q], cy[q] = p[0], p[1]
		}
		lons, lats = append(lons, cx), append(lats, cy)
		done += k
	}
	return slices.Concat(lons...), slices.Concat(lats...), nil
}

// readSegments reads n segment records in chunks, as readNodes does.
func readSegments(in io.Reader, n int, nNodes int32) (segments, error) {
	buf := make([]byte, segRecord*min(n, readChunk))
	var chunks []segments
	for done := 0; done < n; {
		k := min(n-done, readChunk)
		if _, err := io.ReadFull(in, buf[:segRecord*k]); err != nil {
			return segments{}, fmt.Errorf("%w: segment %d: %v", ErrFormat, done, err)
		}
		c := segments{a: make([]int32, 0, k), b: make([]int32, 0, k), lenM: make([]float64, 0, k),
			speedKmh: make([]float32, 0, k), dir: make([]Oneway, 0, k)}
		for q := range k {
			r := buf[segRecord*q:]
			a, b := int32(binary.LittleEndian.Uint32(r)), int32(binary.LittleEndian.Uint32(r[4:]))
			lenM := math.Float64frombits(binary.LittleEndian.Uint64(r[8:]))
			speed := math.Float32frombits(binary.LittleEndian.Uint32(r[16:]))
			dir := Oneway(int8(r[20]))
			if a < 0 || b < 0 || a >= nNodes || b >= nNodes || a == b || !(lenM >= 0) || math.IsInf(lenM, 0) ||
				!(speed > 0) || math.IsInf(float64(speed), 0) || dir < Backward || dir > Forward {
				return segments{}, fmt.Errorf("%w: segment %d: invalid record", ErrFormat, done+q)
			}
			c.add(a, b, lenM, speed, dir)
		}
		chunks = append(chunks, c)
		done += k
	}
	return joinSegments(chunks), nil
}

// joinSegments concatenates segment lists.
func joinSegments(cs []segments) segments {
	n := 0
	for i := range cs {
		n += cs[i].len()
	}
	if n == 0 {
		return segments{}
	}
	s := segments{a: make([]int32, 0, n), b: make([]int32, 0, n), lenM: make([]float64, 0, n),
		speedKmh: make([]float32, 0, n), dir: make([]Oneway, 0, n)}
	for _, c := range cs {
		s.a, s.b, s.lenM = append(s.a, c.a...), append(s.b, c.b...), append(s.lenM, c.lenM...)
		s.speedKmh, s.dir = append(s.speedKmh, c.speedKmh...), append(s.dir, c.dir...)
	}
	return s
}
