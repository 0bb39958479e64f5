package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/catchment/catchment/server/internal/gzipmw"
)

// middleware wraps the routes, outermost first: request log, panic
// recovery, header limit, authentication, body limit and gzip.
func (s *Server) middleware(next http.Handler) http.Handler {
	h := gzipmw.Handler(next)
	h = s.limitBody(h)
	h = s.authenticate(h)
	h = s.limitHeaders(h)
	h = s.recoverPanics(h)
	return s.logRequests(h)
}

// statusWriter records the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

// statusClientGone is what the request log shows for a request whose
// client went away before it was answered (nginx's 499); it is never sent.
const statusClientGone = 499

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection (deadlines,
// flushing).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		level := slog.LevelInfo
		if sw.status >= 500 {
			level = slog.LevelWarn
		}
		if sw.status == 0 && r.Context().Err() != nil {
			sw.status = statusClientGone
		}
		s.log.Log(r.Context(), level, "request", slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Int64("bytes", sw.bytes), slog.Duration("took", time.Since(start)),
			slog.String("remote", r.RemoteAddr))
	})
}

// recoverPanics turns a panic into a logged 500 problem. No handler is
// meant to panic; this keeps one bug from dropping the connection without
// a word. http.ErrAbortHandler, the sanctioned way to abort a response, is
// passed on.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			p := recover()
			if p == nil {
				return
			}
			if p == http.ErrAbortHandler {
				panic(p)
			}
			s.log.Error("panic serving request", slog.String("method", r.Method), slog.String("path", r.URL.Path),
				slog.Any("panic", p), slog.String("stack", string(debug.Stack())))
			if sw.status != 0 {
				panic(http.ErrAbortHandler) // the answer has begun: cut the connection
			}
			writeProblem(w, Problem{Type: ProblemTypePrefix + "internal", Title: http.StatusText(http.StatusInternalServerError),
				Status: http.StatusInternalServerError, Detail: "internal error; the server log has the details", Instance: r.URL.Path})
		}()
		next.ServeHTTP(sw, r)
	})
}

// authenticate requires "Authorization: Bearer TOKEN", when a token is
// configured, on every request but the public ones (see public):
// everything under /api/ needs it. The comparison is constant time over
// SHA-256 digests, so neither content nor length leaks.
func (s *Server) authenticate(next http.Handler) http.Handler {
	if s.cfg.Token == "" {
		return next
	}
	want := sha256.Sum256([]byte(s.cfg.Token))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.public(r) {
			next.ServeHTTP(w, r)
			return
		}
		auth := r.Header.Get("Authorization")
		scheme, token, ok := strings.Cut(auth, " ")
		got := sha256.Sum256([]byte(strings.TrimSpace(token)))
		if !ok || !strings.EqualFold(scheme, "Bearer") || subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			reason := "missing Authorization header: this server requires \"Authorization: Bearer TOKEN\""
			if auth != "" {
				reason = "wrong bearer token"
			}
			s.writeError(w, r, fmt.Errorf("%w: %s", ErrUnauthorized, reason))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// limitBody caps every request body at Config.MaxUploadBytes; a body
// declared larger is refused (413) before any of it is read.
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := s.cfg.MaxUploadBytes
		if r.ContentLength > limit {
			// The client may still be sending: close rather than read it all.
			w.Header().Set("Connection", "close")
			s.writeError(w, r, &http.MaxBytesError{Limit: limit})
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r)
	})
}

// limitHeaders answers 431 as a problem when the request line and header
// fields are larger than maxHeaderBytes. net/http's own limit
// (http.Server.MaxHeaderBytes) answers in plain text before any handler
// runs, so it is set to hardMaxHeaderBytes, far above this one: requests
// between the two get a problem, only absurd ones net/http's text.
func (s *Server) limitHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n := headerBytes(r); n > maxHeaderBytes {
			w.Header().Set("Connection", "close")
			s.writeError(w, r, fmt.Errorf("%w: the request line and header fields take %d bytes, more than this server's %d",
				ErrHeaderTooLarge, n, maxHeaderBytes))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// headerBytes is about the size of r's request line and header fields as
// sent ("Name: value\r\n" each).
func headerBytes(r *http.Request) int {
	n := len(r.Method) + len(r.RequestURI) + len(r.Proto) + 4 + len("Host: \r\n") + len(r.Host)
	for k, vs := range r.Header {
		for _, v := range vs {
			n += len(k) + len(v) + 4
		}
	}
	return n
}
