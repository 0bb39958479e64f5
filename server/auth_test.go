package server

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestAuth(t *testing.T) {
	const token = "s3cret-token"
	ts := startTestServer(t, Config{Token: token})
	cases := []struct {
		name, method, path, auth string
		status                   int
		media                    string // Content-Type prefix of a 200, when checked
	}{
		{"no header", "GET", "/api/v1/datasets", "", http.StatusUnauthorized, ""},
		{"wrong token", "GET", "/api/v1/datasets", "Bearer nope", http.StatusUnauthorized, ""},
		{"token prefix", "GET", "/api/v1/datasets", "Bearer s3cret", http.StatusUnauthorized, ""},
		{"token longer", "GET", "/api/v1/datasets", "Bearer " + token + "x", http.StatusUnauthorized, ""},
		{"basic scheme", "GET", "/api/v1/datasets", "Basic " + token, http.StatusUnauthorized, ""},
		{"bare token", "GET", "/api/v1/datasets", token, http.StatusUnauthorized, ""},
		{"right token", "GET", "/api/v1/datasets", "Bearer " + token, http.StatusOK, mediaJSON},
		{"scheme in lower case", "GET", "/api/v1/datasets", "bearer " + token, http.StatusOK, mediaJSON},
		{"coverage without", "GET", "/api/v1/datasets/sample/coverage", "", http.StatusUnauthorized, ""},
		{"coverage with", "GET", "/api/v1/datasets/sample/coverage", "Bearer " + token, http.StatusOK, mediaGeoJSON},
		{"run without", "POST", "/api/v1/runs", "", http.StatusUnauthorized, ""},
		{"upload without", "POST", "/api/v1/datasets", "", http.StatusUnauthorized, ""},
		{"openapi without", "GET", "/api/v1/openapi.json", "", http.StatusUnauthorized, ""},
		{"unknown path without", "GET", "/api/v1/nothing", "", http.StatusUnauthorized, ""},
		{"wrong method without", "PUT", "/api/v1/datasets", "", http.StatusUnauthorized, ""},
		{"api without slash", "GET", "/api", "", http.StatusUnauthorized, ""},
		// Spellings that reach an API route are judged by that route.
		{"dot segments into the api", "GET", "/static/../api/v1/datasets", "", http.StatusUnauthorized, ""},
		{"double slash into the api", "GET", "//api/v1/datasets", "", http.StatusUnauthorized, ""},
		{"healthz stays open", "GET", "/healthz", "", http.StatusOK, mediaJSON},
		// The web page holds no data and asks for the token itself.
		{"page without", "GET", "/", "", http.StatusOK, "text/html"},
		{"page head without", "HEAD", "/", "", http.StatusOK, "text/html"},
		{"page script without", "GET", "/static/app.js", "", http.StatusOK, "text/javascript"},
		{"page module without", "GET", "/static/js/results.js", "", http.StatusOK, "text/javascript"},
		{"page style without", "GET", "/style.json", "", http.StatusOK, "application/json"},
		{"page with a wrong token", "GET", "/", "Bearer nope", http.StatusOK, "text/html"},
		{"no such page file", "GET", "/static/nothing.js", "", http.StatusNotFound, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var header []string
			if c.auth != "" {
				header = []string{"Authorization", c.auth}
			}
			r := do(t, c.method, ts.URL+c.path, strings.NewReader(""), header...)
			if c.status == http.StatusUnauthorized {
				wantProblem(t, r, c.status)
				if !strings.HasPrefix(r.Header.Get("WWW-Authenticate"), "Bearer") {
					t.Errorf("WWW-Authenticate %q", r.Header.Get("WWW-Authenticate"))
				}
				return
			}
			wantStatus(t, r, c.status)
			if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, c.media) {
				t.Errorf("Content-Type %q, want %s", ct, c.media)
			}
			if c.status == http.StatusOK && c.method == "GET" && len(r.Body) == 0 {
				t.Error("empty body")
			}
		})
	}
}

// publicListener is a loopback listener that claims a public address, to
// test Serve's refusal without binding to every interface.
type publicListener struct{ net.Listener }

func (publicListener) Addr() net.Addr { return &net.TCPAddr{IP: net.IPv4zero, Port: 8080} }

func TestServeRefusesPublicAddressWithoutToken(t *testing.T) {
	srv, err := New(Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	err = srv.Serve(context.Background(), publicListener{ln})
	if !errors.Is(err, ErrInsecure) {
		t.Fatalf("Serve on 0.0.0.0 without a token: %v, want ErrInsecure", err)
	}
	if _, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
		t.Error("the refused listener still accepts connections")
	}
}

func TestServePublicAddressWithToken(t *testing.T) {
	srv, err := New(Config{DataDir: t.TempDir(), Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, publicListener{ln}) }()
	r := get(t, "http://"+ln.Addr().String()+"/api/v1/datasets", "Authorization", "Bearer t")
	wantStatus(t, r, http.StatusOK)
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve: %v", err)
	}
}

func TestIsLoopback(t *testing.T) {
	cases := []struct {
		addr net.Addr
		want bool
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)}, true},
		{&net.TCPAddr{IP: net.IPv4(127, 1, 2, 3)}, true},
		{&net.TCPAddr{IP: net.IPv6loopback}, true},
		{&net.TCPAddr{IP: net.IPv4zero}, false},
		{&net.TCPAddr{IP: net.IPv6unspecified}, false},
		{&net.TCPAddr{IP: net.IPv4(192, 168, 1, 2)}, false},
		{&net.UnixAddr{Name: "/tmp/s", Net: "unix"}, true},
	}
	for _, c := range cases {
		if got := IsLoopback(c.addr); got != c.want {
			t.Errorf("IsLoopback(%v) = %v, want %v", c.addr, got, c.want)
		}
	}
}
