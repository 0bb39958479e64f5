// Package reqio holds the readers and writers the server binds to a
// request: reading and writing stop when the request's context is done
// (the client went away), and an upload must keep a minimum rate, or a
// trickling client would hold an upload slot for the whole read timeout.
//
// Errors: a reader or writer whose context is done returns the context's
// error; a RateReader cut off returns an error wrapping
// apierr.ErrSlowUpload, which the server answers 408 (and closes the
// connection).
package reqio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/catchment/catchment/server/internal/apierr"
)

// ContextReader returns a reader that fails reads once ctx is done:
// request-bound reading stops when the client goes away.
func ContextReader(ctx context.Context, r io.Reader) io.Reader { return ctxReader{ctx, r} }

type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// ContextWriter returns a writer that fails writes once ctx is done.
func ContextWriter(ctx context.Context, w io.Writer) io.Writer { return ctxWriter{ctx, w} }

type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// RateReader cuts off an upload that arrives slower than a minimum number
// of bytes per window on average. Each window it moves the connection's
// read deadline to the end of the next one, so a client that sends
// nothing at all is cut off by the deadline, and one that trickles by the
// count. Not safe for concurrent use (nor is a request body).
type RateReader struct {
	r       io.Reader
	rc      *http.ResponseController
	min     int64 // bytes per window
	window  time.Duration
	start   time.Time // of the current window
	got     int64     // bytes in the current window
	tripped bool
}

// NewRateReader reads the body r of the request answered by w, which
// must deliver at least bytesPerSec on average over every window; it sets
// the connection's first read deadline.
func NewRateReader(r io.Reader, w http.ResponseWriter, bytesPerSec int64, window time.Duration) *RateReader {
	rr := &RateReader{r: r, rc: http.NewResponseController(w), min: int64(float64(bytesPerSec) * window.Seconds()),
		window: window, start: time.Now()}
	rr.rc.SetReadDeadline(rr.start.Add(window))
	return rr
}

func (rr *RateReader) Read(p []byte) (int, error) {
	if rr.tripped {
		return 0, rr.err()
	}
	n, err := rr.r.Read(p)
	rr.got += int64(n)
	now := time.Now()
	if now.Sub(rr.start) >= rr.window {
		if rr.got < rr.min {
			rr.tripped = true
			return n, rr.err()
		}
		rr.start, rr.got = now, 0
		rr.rc.SetReadDeadline(now.Add(rr.window))
	}
	if ne, ok := errors.AsType[net.Error](err); ok && ne.Timeout() {
		rr.tripped = true
		return n, rr.err()
	}
	return n, err
}

func (rr *RateReader) err() error {
	return fmt.Errorf("%w: the upload arrived slower than %d bytes per %v; the connection is closed", apierr.ErrSlowUpload, rr.min, rr.window)
}
