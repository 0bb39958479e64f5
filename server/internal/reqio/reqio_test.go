package reqio

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/catchment/catchment/server/internal/apierr"
)

// TestContextBound: reading and writing stop with the context's error once
// it is done, and pass through before.
func TestContextBound(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	r := ContextReader(ctx, strings.NewReader("abc"))
	var buf bytes.Buffer
	w := ContextWriter(ctx, &buf)
	if _, err := io.CopyN(w, r, 2); err != nil || buf.String() != "ab" {
		t.Fatalf("before cancel: %q, %v", buf.String(), err)
	}
	cancel()
	if _, err := r.Read(make([]byte, 1)); !errors.Is(err, context.Canceled) {
		t.Errorf("read after cancel: %v", err)
	}
	if _, err := w.Write([]byte("c")); !errors.Is(err, context.Canceled) || buf.String() != "ab" {
		t.Errorf("write after cancel: %v, wrote %q", err, buf.String())
	}
}

// TestRateReader: a body slower than the minimum over a window is cut off
// with ErrSlowUpload, and stays cut off; one within its window is read
// whole.
func TestRateReader(t *testing.T) {
	for _, tc := range []struct {
		name        string
		bytesPerSec int64
		window      time.Duration
		wantSlow    bool
	}{
		// 1 TiB/s over 1 ns asks about 1 KiB per window; a window has
		// passed by the time the first read returns, with 10 bytes.
		{"slow", 1 << 40, time.Nanosecond, true},
		// A window of an hour does not end during the test.
		{"within its window", 1 << 40, time.Hour, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rr := NewRateReader(strings.NewReader("0123456789"), httptest.NewRecorder(), tc.bytesPerSec, tc.window)
			b, err := io.ReadAll(rr)
			if !tc.wantSlow {
				if err != nil || string(b) != "0123456789" {
					t.Fatalf("read %q, %v", b, err)
				}
				return
			}
			if !errors.Is(err, apierr.ErrSlowUpload) {
				t.Fatalf("read %q, %v; want ErrSlowUpload", b, err)
			}
			if _, err := rr.Read(make([]byte, 1)); !errors.Is(err, apierr.ErrSlowUpload) {
				t.Errorf("read after the cut: %v", err)
			}
		})
	}
}
