// Package pgrouting runs a throw-away PostgreSQL cluster with PostGIS and
// pgRouting, imports an OpenStreetMap file with osm2pgrouting and answers
// SQL through psql. It is the independent reference for catchment's road
// distances in tests and benchmarks; nothing in catchment itself uses it.
//
// It needs Debian's postgresql-15, postgresql-15-postgis-3,
// postgresql-15-pgrouting and osm2pgrouting (.ci/run installs them). The
// cluster listens on a Unix socket in its own directory only (no TCP port),
// so concurrent clusters never collide. Run as root, the server runs as the
// postgres user, since PostgreSQL refuses to run as root.
package pgrouting

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
)

// BinDir is where Debian installs the PostgreSQL 15 server programs.
const BinDir = "/usr/lib/postgresql/15/bin"

// ErrUnavailable reports a missing program; Available wraps it.
var ErrUnavailable = errors.New("pgrouting: not installed")

// port names the socket file; with no TCP listener it can be any number.
const port = "55432"

// Available reports whether every program the cluster needs is installed.
func Available() error {
	var missing []string
	for _, p := range []string{filepath.Join(BinDir, "initdb"), filepath.Join(BinDir, "pg_ctl")} {
		if _, err := os.Stat(p); err != nil {
			missing = append(missing, p)
		}
	}
	for _, p := range []string{"psql", "osm2pgrouting"} {
		if _, err := exec.LookPath(p); err != nil {
			missing = append(missing, p)
		}
	}
	if _, err := os.Stat("/usr/share/postgresql/15/extension/pgrouting.control"); err != nil {
		missing = append(missing, "postgresql-15-pgrouting")
	}
	if _, err := os.Stat("/usr/share/postgresql/15/extension/postgis.control"); err != nil {
		missing = append(missing, "postgresql-15-postgis-3")
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w: %s", ErrUnavailable, strings.Join(missing, ", "))
	}
	return nil
}

// Cluster is a running throw-away PostgreSQL server.
type Cluster struct {
	dir string
	run []string // prefix that runs a command as the server's user
}

// Start creates a cluster in a new directory under os.TempDir and starts it.
// Stop removes it.
func Start() (*Cluster, error) {
	if err := Available(); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "catchment-pgrouting-*")
	if err != nil {
		return nil, err
	}
	c := &Cluster{dir: dir}
	if os.Geteuid() == 0 {
		if err := chownToPostgres(dir); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		c.run = []string{"runuser", "-u", "postgres", "--"}
	}
	if _, err := c.cmd(filepath.Join(BinDir, "initdb"), "-D", c.data(), "-A", "trust", "-U", "postgres", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	opts := fmt.Sprintf("-p %s -k %s -c listen_addresses='' -c fsync=off -c full_page_writes=off", port, dir)
	if _, err := c.cmd(filepath.Join(BinDir, "pg_ctl"), "-D", c.data(), "-o", opts, "-l", filepath.Join(dir, "server.log"), "-w", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "server.log"))
		os.RemoveAll(dir)
		return nil, fmt.Errorf("%w\n%s", err, log)
	}
	return c, nil
}

func (c *Cluster) data() string { return filepath.Join(c.dir, "data") }

// Dir is the cluster's directory, readable by the server's user: put files
// the server or osm2pgrouting must read here.
func (c *Cluster) Dir() string { return c.dir }

// Stop stops the server and removes its directory.
func (c *Cluster) Stop() error {
	_, err := c.cmd(filepath.Join(BinDir, "pg_ctl"), "-D", c.data(), "-m", "immediate", "-w", "stop")
	return errors.Join(err, os.RemoveAll(c.dir))
}

// CreateDB creates a database with the PostGIS and pgRouting extensions.
func (c *Cluster) CreateDB(db string) error {
	if _, err := c.SQL("postgres", "CREATE DATABASE "+db); err != nil {
		return err
	}
	_, err := c.SQL(db, "CREATE EXTENSION postgis; CREATE EXTENSION pgrouting")
	return err
}

// ImportOSM loads an OSM XML file into db with osm2pgrouting and the given
// mapconfig XML (which highway classes become edges).
func (c *Cluster) ImportOSM(db, osmXML, mapconfig string) error {
	_, err := c.cmd("osm2pgrouting", "--f", osmXML, "--conf", mapconfig, "--dbname", db,
		"--host", c.dir, "--port", port, "--username", "postgres", "--clean")
	return err
}

// SQL runs statements in db and returns the rows of the last one as CSV
// fields (no header).
func (c *Cluster) SQL(db, sql string) ([][]string, error) {
	out, err := exec.Command("psql", "-X", "-q", "-h", c.dir, "-p", port, "-U", "postgres", "-d", db,
		"-v", "ON_ERROR_STOP=1", "--csv", "-t", "-c", sql).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return nil, fmt.Errorf("pgrouting: psql: %w: %s", err, ee.Stderr)
		}
		return nil, fmt.Errorf("pgrouting: psql: %w", err)
	}
	return csv.NewReader(bytes.NewReader(out)).ReadAll()
}

func (c *Cluster) cmd(name string, args ...string) ([]byte, error) {
	argv := append(append(append([]string{}, c.run...), name), args...)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = c.dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return out, fmt.Errorf("pgrouting: %s: %w\n%s", filepath.Base(name), err, out)
	}
	return out, nil
}

// chownToPostgres gives dir to the postgres user, which runs the server.
func chownToPostgres(dir string) error {
	u, err := user.Lookup("postgres")
	if err != nil {
		return fmt.Errorf("%w: no postgres user: %v", ErrUnavailable, err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return os.Chown(dir, uid, gid)
}
