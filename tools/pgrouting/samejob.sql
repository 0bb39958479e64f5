-- The nearest-facility job in pgRouting, starting from coordinates as
-- catchment's does: the sites are in table sites (id, facility, lon, lat);
-- each function snaps them itself and searches; the benchmark times a call
-- of the function, the test checks its answers against catchment's.
-- :SRID is replaced by the UTM zone (EPSG:326zz) of the sites.
--
-- Preparation, run once after osm2pgrouting (not timed, like catchment's
-- network build): the ways and vertices projected to UTM (metres, conformal,
-- so perpendiculars and nearest points are as on the ellipsoid to well below
-- a millimetre at these distances), the weakly connected pieces of the graph
-- (pgr_connectedComponents), and GiST indexes over the largest piece only,
-- so that no site is stranded on a fragment that joins nothing (catchment's
-- rule: a site passes over such a piece).

ALTER TABLE ways ADD COLUMN geom_utm geometry(LineString, :SRID);
UPDATE ways SET geom_utm = ST_Transform(the_geom, :SRID);
ALTER TABLE ways_vertices_pgr ADD COLUMN geom_utm geometry(Point, :SRID);
UPDATE ways_vertices_pgr SET geom_utm = ST_Transform(the_geom, :SRID);
CREATE TABLE piece AS SELECT node, component FROM pgr_connectedComponents(
  'SELECT gid AS id, source, target, 1::float8 AS cost, 1::float8 AS reverse_cost FROM ways');
CREATE TABLE main_piece AS SELECT node FROM piece WHERE component = (
  SELECT component FROM piece GROUP BY component ORDER BY count(*) DESC, component LIMIT 1);
ALTER TABLE ways ADD COLUMN main boolean;
UPDATE ways SET main = source IN (SELECT node FROM main_piece);
ALTER TABLE ways_vertices_pgr ADD COLUMN main boolean;
UPDATE ways_vertices_pgr SET main = id IN (SELECT node FROM main_piece);
CREATE INDEX ways_main_utm ON ways USING gist (geom_utm) WHERE main;
CREATE INDEX vertices_main_utm ON ways_vertices_pgr USING gist (geom_utm) WHERE main;
CREATE TABLE sites (id int PRIMARY KEY, facility boolean NOT NULL, lon float8 NOT NULL, lat float8 NOT NULL);

-- snap_sites fills temp table snap: every site on the nearest point of the
-- nearest edge of the main piece (KNN on the GiST index, in UTM metres), its
-- fraction along the edge (ST_LineLocatePoint) and its off-road leg: the
-- geodesic on the ellipsoid from the site to that point (geography
-- distance between two points; PostGIS's geography distance from a point
-- to a line finds the line's nearest point on a sphere and was up to 0.3 m
-- long at 200 m here). fwd and bwd say in which directions the edge may be
-- travelled.
CREATE FUNCTION snap_sites() RETURNS void LANGUAGE plpgsql AS $f$
#variable_conflict use_column
BEGIN
  DROP TABLE IF EXISTS snap;
  CREATE TEMP TABLE snap ON COMMIT DROP AS
  SELECT s.id, s.facility, e.gid AS edge_id, e.source, e.target, e.length_m, e.fwd, e.bwd,
         e.f AS fraction,
         ST_Distance(p.g::geography, ST_Transform(ST_LineInterpolatePoint(e.geom_utm, e.f), 4326)::geography) AS leg_m
  FROM sites s
  CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326) AS g) p
  CROSS JOIN LATERAL (SELECT ST_Transform(p.g, :SRID) AS u) q
  CROSS JOIN LATERAL (
    SELECT gid, source, target, length_m, cost >= 0 AS fwd, reverse_cost >= 0 AS bwd, geom_utm,
           ST_LineLocatePoint(geom_utm, q.u) AS f
    FROM ways WHERE main ORDER BY geom_utm <-> q.u LIMIT 1) e;
END $f$;

-- split_graph fills temp table split: the graph with every snapped edge cut
-- at its sites (site id gets vertex 1e9 + id, each piece its share of the
-- edge's length), every edge reversed (the search runs from the facilities
-- back to the villages: trips go village to facility; a piece of length 0,
-- joining a site to the edge's end or to another site at the same point,
-- may be taken both ways even on a oneway road: it joins one point to
-- itself), and a super-source,
-- vertex 0, joined to each facility's vertex at the cost of its off-road
-- leg. One search from vertex 0 then gives every village its nearest
-- facility, including one on its own edge.
CREATE FUNCTION split_graph() RETURNS void LANGUAGE plpgsql AS $f$
#variable_conflict use_column
BEGIN
  DROP TABLE IF EXISTS split;
  CREATE TEMP TABLE split ON COMMIT DROP AS
  WITH cut AS (
    SELECT edge_id, fraction AS f, 1000000000 + id::bigint AS v, 1 AS k FROM snap
    UNION ALL SELECT DISTINCT edge_id, 0, source, 0 FROM snap
    UNION ALL SELECT DISTINCT edge_id, 1, target, 2 FROM snap),
  piece AS (
    SELECT edge_id, lag(v) OVER w AS a, v AS b, f - lag(f) OVER w AS df FROM cut
    WINDOW w AS (PARTITION BY edge_id ORDER BY f, k, v))
  SELECT gid AS id, source, target,
         CASE WHEN reverse_cost < 0 THEN -1 ELSE length_m END AS cost,
         CASE WHEN cost < 0 THEN -1 ELSE length_m END AS reverse_cost
    FROM ways WHERE gid NOT IN (SELECT edge_id FROM snap)
  UNION ALL
  SELECT 2000000000 + row_number() OVER (), p.a, p.b,
         CASE WHEN w.reverse_cost < 0 AND p.df > 0 THEN -1 ELSE p.df * w.length_m END,
         CASE WHEN w.cost < 0 AND p.df > 0 THEN -1 ELSE p.df * w.length_m END
    FROM piece p JOIN ways w ON w.gid = p.edge_id WHERE p.a IS NOT NULL
  UNION ALL
  SELECT -1 - id, 0, 1000000000 + id::bigint, leg_m, -1 FROM snap WHERE facility;
END $f$;

-- nearest_split: the job by pgr_dijkstraCost on the split graph; the
-- distance (legs included) only.
CREATE FUNCTION nearest_split() RETURNS TABLE (village int, cost_m float8) LANGUAGE plpgsql AS $f$
#variable_conflict use_column
BEGIN
  PERFORM snap_sites();
  PERFORM split_graph();
  RETURN QUERY SELECT s.id, r.agg_cost + s.leg_m
    FROM pgr_dijkstraCost('SELECT id, source, target, cost, reverse_cost FROM split', 0::bigint,
           ARRAY(SELECT 1000000000 + id::bigint FROM snap WHERE NOT facility), directed => true) r
    JOIN snap s ON s.id = r.end_vid - 1000000000;
END $f$;

-- nearest_split_paths: the same search by pgr_dijkstra, keeping each path's
-- second vertex: the facility it starts from, so it says which facility is
-- nearest, as catchment does.
CREATE FUNCTION nearest_split_paths() RETURNS TABLE (village int, facility int, cost_m float8) LANGUAGE plpgsql AS $f$
#variable_conflict use_column
BEGIN
  PERFORM snap_sites();
  PERFORM split_graph();
  RETURN QUERY SELECT s.id, r.fac, r.cost + s.leg_m
    FROM (SELECT end_vid, max(CASE WHEN path_seq = 2 THEN node END)::int - 1000000000 AS fac, max(agg_cost) AS cost
          FROM pgr_dijkstra('SELECT id, source, target, cost, reverse_cost FROM split', 0::bigint,
                 ARRAY(SELECT 1000000000 + id::bigint FROM snap WHERE NOT facility), directed => true)
          GROUP BY end_vid) r
    JOIN snap s ON s.id = r.end_vid - 1000000000;
END $f$;

-- nearest_withpoints: the job by pgRouting's own point handling,
-- pgr_withPointsCost with the villages as points (pid, edge_id, fraction,
-- side; pid 1 + id: a point is vertex -pid, and vertex 0 is taken) on the
-- reversed graph, from a super-source joined to both ends of
-- each facility's edge at the facility's leg plus the part of the edge
-- between them (in a permitted direction, or none when the facility is at
-- that end). pgRouting returns nothing for
-- a point at fraction 0 or 1 (it is the edge's end vertex), so such a
-- village asks for that vertex instead. The super-source does not see a
-- village and a facility on the same edge (it joins the facility at the
-- edge's ends only): those trips are added along the edge.
CREATE FUNCTION nearest_withpoints() RETURNS TABLE (village int, cost_m float8) LANGUAGE plpgsql AS $f$
#variable_conflict use_column
BEGIN
  PERFORM snap_sites();
  RETURN QUERY WITH v AS (
    SELECT *, CASE fraction WHEN 0 THEN source WHEN 1 THEN target ELSE -1 - id END AS vid FROM snap WHERE NOT facility),
  r AS (SELECT * FROM pgr_withPointsCost(
    $$SELECT gid AS id, source, target, CASE WHEN reverse_cost < 0 THEN -1 ELSE length_m END AS cost,
             CASE WHEN cost < 0 THEN -1 ELSE length_m END AS reverse_cost FROM ways
      UNION ALL SELECT -1 - id, 0, source, leg_m + fraction * length_m, -1 FROM snap WHERE facility AND (fwd OR fraction = 0)
      UNION ALL SELECT -1000000 - id, 0, target, leg_m + (1 - fraction) * length_m, -1 FROM snap WHERE facility AND (bwd OR fraction = 1)$$,
    $$SELECT 1 + id AS pid, edge_id, fraction, 'b'::char AS side FROM snap WHERE NOT facility AND fraction > 0 AND fraction < 1$$,
    0::bigint, ARRAY(SELECT DISTINCT vid FROM v), directed => true, driving_side => 'b')),
  same AS (
    SELECT v.id, f.leg_m + v.leg_m + abs(f.fraction - v.fraction) * v.length_m AS cost_m
    FROM v JOIN snap f ON f.facility AND f.edge_id = v.edge_id
    WHERE (v.fraction <= f.fraction AND v.fwd) OR (v.fraction >= f.fraction AND v.bwd))
  SELECT t.id, min(t.c) FROM (
    SELECT v.id, r.agg_cost + v.leg_m AS c FROM v JOIN r ON r.end_pid = v.vid
    UNION ALL SELECT same.id, same.cost_m FROM same) t GROUP BY t.id;
END $f$;

-- nearest_vertex: the cheaper, usual pgRouting way: each site to its
-- nearest vertex of the main piece (KNN; a junction or a way's end, not a
-- point of the road), the leg to it on the ellipsoid, then pgr_dijkstraCost
-- from a super-source joined to each facility's vertex at its leg.
CREATE FUNCTION nearest_vertex() RETURNS TABLE (village int, cost_m float8) LANGUAGE plpgsql AS $f$
#variable_conflict use_column
BEGIN
  DROP TABLE IF EXISTS snapv;
  CREATE TEMP TABLE snapv ON COMMIT DROP AS
  SELECT s.id, s.facility, u.id AS vid, ST_Distance(p.g::geography, u.the_geom::geography) AS leg_m
  FROM sites s
  CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326) AS g) p
  CROSS JOIN LATERAL (SELECT ST_Transform(p.g, :SRID) AS u) q
  CROSS JOIN LATERAL (SELECT id, the_geom FROM ways_vertices_pgr WHERE main ORDER BY geom_utm <-> q.u LIMIT 1) u;
  RETURN QUERY SELECT s.id, r.agg_cost + s.leg_m
    FROM pgr_dijkstraCost(
      $$SELECT gid AS id, source, target, CASE WHEN reverse_cost < 0 THEN -1 ELSE length_m END AS cost,
               CASE WHEN cost < 0 THEN -1 ELSE length_m END AS reverse_cost FROM ways
        UNION ALL SELECT -1 - id, 0, vid, leg_m, -1 FROM snapv WHERE facility$$,
      0::bigint, ARRAY(SELECT DISTINCT vid FROM snapv WHERE NOT facility), directed => true) r
    JOIN snapv s ON NOT s.facility AND s.vid = r.end_vid;
END $f$;

-- snap_report: for the test, each site's snap and the bound on how far
-- pgRouting's share of its edge (fraction × length_m, the fraction being
-- of the edge's UTM length) can be from the geodesic length to the snap
-- point: the UTM scale factor k = k0 (1 + x²/2R² + …) changes along an
-- edge spanning eastings x1..x2 by at most Δk ≈ k0 |x|max |x2 − x1| / R²,
-- and a share A of a length L then errs by at most A (L − A) Δk / (k L)
-- <= L Δk / 4k. x is (easting − 500 km) / k0, R² at least the polar radius
-- squared; the 1 % margin covers the terms of k left out.
CREATE FUNCTION snap_report() RETURNS TABLE (id int, edge_id bigint, fraction float8, leg_m float8, share_tol_m float8)
LANGUAGE plpgsql AS $f$
#variable_conflict use_column
BEGIN
  PERFORM snap_sites();
  RETURN QUERY SELECT s.id, s.edge_id, s.fraction, s.leg_m,
    s.length_m / 4 * greatest(abs(ST_XMin(w.geom_utm) - 500000), abs(ST_XMax(w.geom_utm) - 500000))
      * (ST_XMax(w.geom_utm) - ST_XMin(w.geom_utm)) / (6356752.0 * 6356752.0 * 0.9996 * 0.9996) * 1.01
    FROM snap s JOIN ways w ON w.gid = s.edge_id;
END $f$;
