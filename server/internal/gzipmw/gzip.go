// Package gzipmw is the server's gzip middleware: compressible answers are
// gzipped for clients that accept it, with ETags kept distinct.
package gzipmw

import (
	"compress/gzip"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// MinBytes: a response declared shorter than this is sent as is; the
// gzip header and the extra round of work would not pay off.
const MinBytes = 1024

// compressible media types: text and JSON, which GeoJSON and CSV results
// are. Images and archives are not.
func compressible(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return strings.HasPrefix(mt, "text/") || mt == "application/json" || strings.HasSuffix(mt, "+json") ||
		mt == "application/geo+json-seq" || mt == "application/javascript" || mt == "image/svg+xml"
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip
// (by name or by "*", with a non-zero quality).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding != "gzip" && coding != "*" {
			continue
		}
		q := 1.0
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				q = f
			}
		}
		return q > 0
	}
	return false
}

// gzipSuffix marks the entity tag of a gzip-encoded representation, which
// differs from the identity one (RFC 9110 section 8.8.3).
const gzipSuffix = "-gzip"

// Handler compresses compressible responses for clients that accept
// gzip, streaming: nothing is buffered beyond the compressor's window, so
// a result of hundreds of megabytes goes out as it is produced. Range
// requests are answered uncompressed (ranges refer to the identity bytes).
// ETags of compressed answers get a -gzip suffix, and the suffix is taken
// off If-None-Match before the handler compares, so revalidation works
// with either representation.
func Handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		if r.Header.Get("Range") != "" || !acceptsGzip(r) {
			next.ServeHTTP(w, r)
			return
		}
		if inm := r.Header.Get("If-None-Match"); strings.Contains(inm, gzipSuffix+`"`) {
			r.Header.Set("If-None-Match", strings.ReplaceAll(inm, gzipSuffix+`"`, `"`))
		}
		gw := &gzipWriter{ResponseWriter: w, head: r.Method == http.MethodHead}
		defer gw.close()
		next.ServeHTTP(gw, r)
	})
}

var gzipPool = sync.Pool{New: func() any {
	// BestSpeed: a large GeoJSON still shrinks about tenfold, at a fraction
	// of the default level's CPU time.
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return zw
}}

type gzipWriter struct {
	http.ResponseWriter
	head        bool
	wroteHeader bool
	zw          *gzip.Writer // nil when not compressing
}

func (g *gzipWriter) WriteHeader(code int) {
	if g.wroteHeader {
		g.ResponseWriter.WriteHeader(code)
		return
	}
	g.wroteHeader = true
	h := g.Header()
	if g.shouldCompress(code, h) {
		h.Set("Content-Encoding", "gzip")
		h.Del("Content-Length")
		h.Del("Accept-Ranges")
		if tag := h.Get("ETag"); strings.HasSuffix(tag, `"`) {
			h.Set("ETag", strings.TrimSuffix(tag, `"`)+gzipSuffix+`"`)
		}
		if !g.head {
			g.zw = gzipPool.Get().(*gzip.Writer)
			g.zw.Reset(g.ResponseWriter)
		}
	}
	g.ResponseWriter.WriteHeader(code)
}

func (g *gzipWriter) shouldCompress(code int, h http.Header) bool {
	if code < 200 || code == http.StatusNoContent || code == http.StatusPartialContent || code == http.StatusNotModified {
		return false
	}
	if h.Get("Content-Encoding") != "" || !compressible(h.Get("Content-Type")) {
		return false
	}
	if cl := h.Get("Content-Length"); cl != "" {
		if n, err := strconv.ParseInt(cl, 10, 64); err == nil && n < MinBytes {
			return false
		}
	}
	return true
}

func (g *gzipWriter) Write(p []byte) (int, error) {
	if !g.wroteHeader {
		g.WriteHeader(http.StatusOK)
	}
	if g.zw == nil {
		return g.ResponseWriter.Write(p)
	}
	return g.zw.Write(p)
}

// Flush sends what has been compressed so far.
func (g *gzipWriter) Flush() {
	if g.zw != nil {
		g.zw.Flush()
	}
	http.NewResponseController(g.ResponseWriter).Flush()
}

func (g *gzipWriter) Unwrap() http.ResponseWriter { return g.ResponseWriter }

func (g *gzipWriter) close() {
	if g.zw == nil {
		return
	}
	g.zw.Close() // the client may be gone; nothing to do then
	g.zw.Reset(nil)
	gzipPool.Put(g.zw)
	g.zw = nil
}
