package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/urfave/cli/v2"
	"go.yaml.in/yaml/v3"
)

// scenarioFlag is the flag that names a scenario file.
func scenarioFlag() cli.Flag {
	return &cli.StringFlag{Name: "scenario", Category: "Input", TakesFile: true,
		Usage: "read flag values from a TOML or YAML `FILE` (keys are flag names with _ for -, e.g. radius_km = [10, 15]; radius-km is read too); flags on the command line win"}
}

// inputHint tells a user who gave a file as an argument where it goes.
const inputHint = "; input files are given with --villages and --facilities"

// startCommand is the first step of every command that reads a scenario:
// it refuses positional arguments (hint, when not empty, says where the
// input goes instead) and applies --scenario.
func startCommand(c *cli.Context, name, hint string) error {
	if c.Args().Present() {
		return usagef("%s takes no arguments (got %q)%s", name, c.Args().First(), hint)
	}
	return applyScenario(c)
}

// applyScenario reads the --scenario file, if any, and sets every flag it
// names that the command line did not set. Unknown keys and bad values are
// errors that name the key.
func applyScenario(c *cli.Context) error {
	path := c.String("scenario")
	if path == "" {
		return nil
	}
	values, err := readScenario(path)
	if err != nil {
		return err
	}
	known := map[string]cli.Flag{}
	for _, f := range c.Command.Flags {
		for _, n := range f.Names() {
			known[n] = f
		}
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	spelt := map[string]string{} // flag name -> key as written
	for _, k := range keys {
		name := strings.ReplaceAll(k, "_", "-")
		if other, dup := spelt[name]; dup {
			return fmt.Errorf("%w file %s: keys %q and %q are the same key given twice", errScenario, path, other, k)
		}
		spelt[name] = k
		flag := known[name]
		if flag == nil || name == "scenario" || name == "help" {
			return fmt.Errorf("%w file %s: unknown key %q (keys are the flags of 'catchment %s' with _ for -, e.g. radius_km)", errScenario, path, k, c.Command.Name)
		}
		if c.IsSet(name) {
			continue // the command line wins
		}
		s, err := scenarioValue(values[k])
		if err != nil {
			return fmt.Errorf("%w file %s: key %q: %v", errScenario, path, k, err)
		}
		s = scenarioFlagValue(flag, s, filepath.Dir(path))
		if err := c.Set(name, s); err != nil {
			return fmt.Errorf("%w file %s: key %q: invalid value %q: %s", errScenario, path, k, s, wantOf(flag))
		}
	}
	return nil
}

// scenarioInputs are the flags naming input files: relative paths in a
// scenario file are relative to the file, so a scenario can travel with its
// data. Output paths stay relative to the working directory.
var scenarioInputs = map[string]bool{"villages": true, "facilities": true, "candidates": true, "boundaries": true, "plan": true,
	"roads": true, "od-matrix": true}

// scenarioFlagValue adapts a scenario value to its flag: input paths are
// taken relative to the scenario's folder, and yes/no/on/off are booleans.
func scenarioFlagValue(f cli.Flag, s, dir string) string {
	name := f.Names()[0]
	if scenarioInputs[name] && s != "" && s != "-" && !filepath.IsAbs(s) {
		return filepath.Join(dir, s)
	}
	if _, ok := f.(*cli.BoolFlag); ok {
		switch strings.ToLower(s) {
		case "yes", "on", "y":
			return "true"
		case "no", "off", "n":
			return "false"
		}
	}
	return s
}

// wantOf says what kind of value a flag takes, for error messages.
func wantOf(f cli.Flag) string {
	switch f.(type) {
	case *cli.IntFlag, *cli.Uint64Flag:
		return "want a whole number"
	case *cli.Float64Flag:
		return "want a number"
	case *cli.Float64SliceFlag:
		return "want a number or a list of numbers"
	case *cli.BoolFlag:
		return "want true or false"
	}
	return "not accepted"
}

// readScenario decodes a TOML file, or a YAML one by extension (.yaml, .yml).
func readScenario(path string) (map[string]any, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w file: %w", errScenario, err)
	}
	values := map[string]any{}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		dec := yaml.NewDecoder(bytes.NewReader(b))
		if err := dec.Decode(&values); err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%w file %s: %v", errScenario, path, err)
		}
	default:
		if _, err := toml.Decode(string(b), &values); err != nil {
			return nil, fmt.Errorf("%w file %s: %v", errScenario, path, err)
		}
	}
	return values, nil
}

// scenarioValue renders a decoded value the way it would be typed on the
// command line.
func scenarioValue(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case bool, int, int64, uint64, float64:
		return fmt.Sprint(x), nil
	case map[string]any: // a table such as [speeds]: class = km/h
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, 0, len(x))
		for _, k := range keys {
			v, err := scenarioValue(x[k])
			if err != nil {
				return "", fmt.Errorf("%s: %w", k, err)
			}
			parts = append(parts, k+"="+v)
		}
		return strings.Join(parts, ","), nil
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			if _, nested := e.([]any); nested {
				return "", fmt.Errorf("nested lists are not allowed")
			}
			s, err := scenarioValue(e)
			if err != nil {
				return "", err
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, ","), nil
	}
	return "", fmt.Errorf("unsupported value of type %T (want a string, number, boolean or list)", v)
}
