package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/server/internal/runparams"
	"github.com/getkin/kin-openapi/openapi3"
)

type openAPIDoc struct {
	OpenAPI string                                `json:"openapi"`
	Paths   map[string]map[string]json.RawMessage `json:"paths"`
	Comps   struct {
		Schemas map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"schemas"`
	} `json:"components"`
}

func loadOpenAPI(t *testing.T) openAPIDoc {
	t.Helper()
	var doc openAPIDoc
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi version %q", doc.OpenAPI)
	}
	return doc
}

// openAPIPath turns a ServeMux pattern into an OpenAPI path.
func openAPIPath(pattern string) string {
	pattern = strings.TrimSuffix(pattern, "{$}")
	return regexp.MustCompile(`\{(\w+)\.\.\.\}`).ReplaceAllString(pattern, "{$1}")
}

// TestOpenAPICoversRoutes: every registered route is described, and
// every described operation is registered.
func TestOpenAPICoversRoutes(t *testing.T) {
	doc := loadOpenAPI(t)
	registered := map[string]bool{}
	for _, rt := range (&Server{}).apiRoutes() {
		path, method := openAPIPath(rt.pattern), strings.ToLower(rt.method)
		registered[method+" "+path] = true
		op, ok := doc.Paths[path][method]
		if !ok {
			t.Errorf("route %s %s is not in openapi.json", rt.method, rt.pattern)
			continue
		}
		var o struct {
			Responses map[string]json.RawMessage `json:"responses"`
		}
		if err := json.Unmarshal(op, &o); err != nil || len(o.Responses) == 0 {
			t.Errorf("%s %s: no responses described", rt.method, path)
		}
	}
	methods := []string{"get", "put", "post", "delete", "patch", "head", "options", "trace"}
	for path, item := range doc.Paths {
		for key := range item {
			if slices.Contains(methods, key) && !registered[key+" "+path] {
				t.Errorf("openapi.json describes %s %s, which no route serves", strings.ToUpper(key), path)
			}
		}
	}
}

// TestOpenAPIMatchesCode: the result names and run request keys the
// description lists are the ones the code knows.
func TestOpenAPIMatchesCode(t *testing.T) {
	doc := loadOpenAPI(t)
	var item struct {
		Parameters []struct {
			Name   string `json:"name"`
			Schema struct {
				Enum []string `json:"enum"`
			} `json:"schema"`
		} `json:"parameters"`
	}
	raw, _ := json.Marshal(doc.Paths["/api/v1/runs/{id}/{name}"])
	if err := json.Unmarshal(raw, &item); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range item.Parameters {
		if p.Name == "name" {
			names = p.Schema.Enum
		}
	}
	all := append(resultNames(runparams.KindPlan), resultNames(runparams.KindCoverage)...)
	for _, k := range runparams.ProgrammeKinds() {
		all = append(all, resultNames(k)...)
	}
	for old := range resultAliases {
		all = append(all, old) // still served
	}
	want := slices.Compact(slices.Sorted(slices.Values(all)))
	if got := slices.Sorted(slices.Values(names)); !slices.Equal(got, want) {
		t.Errorf("result names in openapi.json %v, want %v", got, want)
	}
	keys := slices.Sorted(maps.Keys(doc.Comps.Schemas["RunRequest"].Properties))
	if !slices.Equal(keys, runparams.KnownKeys()) {
		t.Errorf("RunRequest properties %v, want %v", keys, runparams.KnownKeys())
	}
	dataset := slices.Sorted(maps.Keys(doc.Comps.Schemas["Dataset"].Properties))
	if want := jsonFields(t, DatasetInfo{Reports: []*ReadReport{{}}, Notes: []string{"x"}}); !slices.Equal(dataset, want) {
		t.Errorf("Dataset properties %v, want %v", dataset, want)
	}
	run := slices.Sorted(maps.Keys(doc.Comps.Schemas["Run"].Properties))
	if want := jsonFields(t, RunInfo{Params: json.RawMessage("{}")}); !slices.Equal(run, want) {
		t.Errorf("Run properties %v, want %v", run, want)
	}
	problem := slices.Sorted(maps.Keys(doc.Comps.Schemas["Problem"].Properties))
	if want := jsonFields(t, Problem{Detail: "x", Instance: "x", Option: "x", Errors: []Rejection{{Line: 1, ID: "x"}}, ErrorsOmitted: []table.ReasonCount{{}}}); !slices.Equal(problem, want) {
		t.Errorf("Problem properties %v, want %v", problem, want)
	}
}

// jsonFields lists the JSON keys v encodes to, sorted; omitempty fields
// count when set in v.
func jsonFields(t *testing.T, v any) []string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	keys := slices.Sorted(maps.Keys(m))
	return keys
}

// TestOpenAPIRefsResolve: every $ref points at a component that exists.
func TestOpenAPIRefsResolve(t *testing.T) {
	var doc any
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(v any)
	n := 0
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if ref, ok := x["$ref"].(string); ok {
				n++
				target := doc
				for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
					m, ok := target.(map[string]any)
					if !ok || m[part] == nil {
						t.Errorf("$ref %s does not resolve", ref)
						return
					}
					target = m[part]
				}
			}
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(doc)
	if n == 0 {
		t.Error("no $ref found: the walk is broken")
	}
}

// TestOpenAPIValid validates the description as OpenAPI 3.1 with
// kin-openapi: structure, references, path parameters, schemas and
// examples. It needs no tool outside Go, so it runs wherever the suite
// runs. Broken copies of the description must fail, so a validator that
// accepted anything would not pass unnoticed.
func TestOpenAPIValid(t *testing.T) {
	if err := validateOpenAPI(openAPI); err != nil {
		t.Fatalf("openapi.json is not valid OpenAPI: %v", err)
	}
	broken := []struct{ name, old, new string }{
		{"missing $ref target", `"#/components/schemas/Run"`, `"#/components/schemas/Runs"`},
		{"response without description", `"description": "The server is up.", `, ``},
		{"undeclared path parameter", `"/api/v1/runs/{id}/{name}"`, `"/api/v1/runs/{id}/{file}"`},
		{"unknown parameter location", `"in": "query"`, `"in": "querystring"`},
		{"bad id pattern", `"pattern": "^[a-z0-9][a-z0-9-]{0,63}$"`, `"pattern": "^[a-z0-9"`},
	}
	for _, c := range broken {
		t.Run(c.name, func(t *testing.T) {
			if !bytes.Contains(openAPI, []byte(c.old)) {
				t.Fatalf("openapi.json no longer contains %s: update the case", c.old)
			}
			if err := validateOpenAPI(bytes.Replace(openAPI, []byte(c.old), []byte(c.new), 1)); err == nil {
				t.Errorf("a description with a %s passed validation", c.name)
			}
		})
	}
}

// validateOpenAPI loads and validates an OpenAPI description.
func validateOpenAPI(b []byte) error {
	doc, err := openapi3.NewLoader().LoadFromData(b)
	if err != nil {
		return err
	}
	if !doc.IsOpenAPI31OrLater() {
		return fmt.Errorf("read as OpenAPI %s, want 3.1", doc.OpenAPI)
	}
	if doc.Paths.Len() == 0 || doc.Components == nil || len(doc.Components.Schemas) == 0 {
		return errors.New("no paths or schemas: nothing to validate")
	}
	return doc.Validate(context.Background())
}
