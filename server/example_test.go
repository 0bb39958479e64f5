package server_test

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"time"

	"github.com/catchment/catchment/server"
)

// A plan run on the embedded sample, as a notebook would drive it: queue
// the run, poll it, then fetch a result by its URL. Asking again for the
// same figures answers with the finished run.
func Example() {
	dir, err := os.MkdirTemp("", "catchment-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	srv, err := server.New(server.Config{DataDir: dir})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	post := func(body string) (int, server.RunInfo) {
		resp, err := http.Post(ts.URL+"/api/v1/runs", "application/json", strings.NewReader(body))
		if err != nil {
			log.Fatal(err)
		}
		defer resp.Body.Close()
		var run server.RunInfo
		json.NewDecoder(resp.Body).Decode(&run)
		return resp.StatusCode, run
	}
	status, run := post(`{"kind": "plan", "dataset": "sample", "policy": "shanxi", "radius_km": [15]}`)
	fmt.Println(status, run.Status)
	for run.Status == "queued" || run.Status == "running" {
		time.Sleep(20 * time.Millisecond)
		resp, err := http.Get(ts.URL + run.URL)
		if err != nil {
			log.Fatal(err)
		}
		json.NewDecoder(resp.Body).Decode(&run)
		resp.Body.Close()
	}
	fmt.Println(run.Status, run.Progress)

	resp, err := http.Get(ts.URL + run.Results["report.md"])
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode, resp.Header.Get("Content-Type"))

	status, again := post(`{"kind": "plan"}`) // the same figures: shanxi's defaults
	fmt.Println(status, again.ID == run.ID)
	// Output:
	// 202 queued
	// done 1
	// 200 text/markdown; charset=utf-8
	// 200 true
}
