package server

import (
	"fmt"
	"io"
	"net/http"
)

// UnprocessableError names the request part or parameter whose content
// cannot be used (a road file that gives no network, distance=road on a
// dataset without one): 422.
type UnprocessableError struct {
	Param, Reason string
}

func (e *UnprocessableError) Error() string {
	return fmt.Sprintf("server: %s: %s", e.Param, e.Reason)
}

// Unwrap returns ErrUnprocessable.
func (e *UnprocessableError) Unwrap() error { return ErrUnprocessable }

// cappedReader reads at most left bytes of a road file part, then fails
// with a 413 naming the part and the limit.
type cappedReader struct {
	r    io.Reader
	left int64
	max  int64
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.max == 0 {
		c.max = c.left
	}
	if c.left <= 0 {
		var probe [1]byte
		if n, err := c.r.Read(probe[:]); n == 0 {
			return 0, err // the file ends at the limit (or fails)
		}
		return 0, &roadsTooLargeError{c.max}
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// roadsTooLargeError refuses a road file over Config.MaxRoadsBytes: 413
// (it unwraps to an *http.MaxBytesError) with its own message.
type roadsTooLargeError struct{ limit int64 }

func (e *roadsTooLargeError) Error() string {
	return fmt.Sprintf("server: roads: the road file is larger than this server's limit of %d MB (catchment serve --max-roads-mb)", e.limit>>20)
}

func (e *roadsTooLargeError) Unwrap() error { return &http.MaxBytesError{Limit: e.limit} }
