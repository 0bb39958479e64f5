#!/usr/bin/env python3
"""Upload a data set to a catchment server, run a plan and read the results.

The script talks to ``catchment serve`` over its HTTP API (/api/v1):

1. lists the data sets on the server,
2. uploads villages and facilities (CSV or GeoJSON; without --villages and
   --facilities it writes a small synthetic pair itself) and prints the
   server's read report,
3. starts a plan run and polls it until it is done,
4. reads the results with geopandas and pandas straight from their URLs,
5. prints a county table (population, emergency network cover, county-level
   care cover today and with the proposed sub-centres, the sub-centres
   chosen), checks it against the server's counties.csv, and saves a PNG map
   of county-level care into --out.

It exits 1 with a message on stderr on any HTTP error, failed run or
timeout, and 2 on a usage error. Only Debian packages are needed:
python3-geopandas, python3-requests and python3-matplotlib.

Importing the module has no side effects: the notebook in
examples/notebook imports it and calls the same functions.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import random
import sys
import time
import urllib.error
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence
from urllib.parse import quote, urljoin

try:
    import geopandas as gpd
    import pandas as pd
    import requests
except ImportError as exc:  # pragma: no cover - depends on the machine
    raise ImportError(
        f"{exc.name} is missing; on Debian: apt-get install "
        "python3-geopandas python3-requests python3-matplotlib"
    ) from exc

DEFAULT_URL = "http://127.0.0.1:8080"
API = "api/v1/"

# The palette of the static maps and the web page, as the server serves it
# at /style.json (maps/style.json in the repository). These are the same
# values, for when the server cannot be asked (an older server, a proxy
# that only forwards /api/); Client.get_style prefers the server's.
FALLBACK_STYLE: dict[str, Any] = {
    "village": {
        "county_care_today": "#56B4E9",
        "county_care_after": "#009E73",
        "no_county_care": "#D55E00",
        "outline": "#FFFFFF",
    },
    "subcentre": {
        "fill": "#AA3377",
        "outline": "#FFFFFF",
        "circle": "#AA3377",
        "circle_fill_opacity": 0.08,
    },
    "itinerant_route": "#0072B2",
}

# The county-level care categories of a plan's village, as cover_categories
# labels them, with the key of their colour in style["village"]. The labels
# are the legend's of the static maps and the web page ({within}: "within
# 15 km"). A plan's villages also carry emergency network cover
# (network_covered), which the county table counts.
CATEGORIES = {
    "County-level care today": "county_care_today",
    "County-level care from a proposed sub-centre": "county_care_after",
    "No county-level care {within}": "no_county_care",
}


def _within(villages: pd.DataFrame) -> str:
    """Returns "within 15 km" from the village layer's radius_km."""
    radii = villages["radius_km"].dropna().unique() if "radius_km" in villages else []
    return f"within {float(radii[0]):g} km" if len(radii) == 1 else "within the radius"


def merge_style(doc: Any) -> dict[str, Any]:
    """Returns FALLBACK_STYLE overridden by the entries of doc (a parsed
    style.json) that have the fallback's shape; anything else in doc is
    ignored rather than trusted."""
    style = json.loads(json.dumps(FALLBACK_STYLE))  # a deep copy
    if not isinstance(doc, Mapping):
        return style
    for key, value in style.items():
        theirs = doc.get(key)
        if isinstance(value, dict) and isinstance(theirs, Mapping):
            for k, v in value.items():
                if isinstance(theirs.get(k), type(v)):
                    value[k] = theirs[k]
        elif isinstance(theirs, type(value)):
            style[key] = theirs
    return style


class APIError(Exception):
    """An HTTP request to the server failed.

    status is the HTTP status code, or None when no response arrived
    (connection refused, timeout). detail comes from the problem+json body
    when the server sent one; errors are its rejected rows, if any.
    """

    def __init__(
        self,
        method: str,
        url: str,
        status: int | None,
        detail: str,
        errors: Sequence[Any] = (),
    ) -> None:
        super().__init__(method, url, status, detail)
        self.method = method
        self.url = url
        self.status = status
        self.detail = detail
        self.errors = list(errors)

    def __str__(self) -> str:
        where = f"{self.method} {self.url}"
        head = f"{where}: HTTP {self.status}" if self.status else where
        text = f"{head}: {self.detail}"
        for e in self.errors[:10]:
            text += "\n  " + _format_item(e)
        if len(self.errors) > 10:
            text += f"\n  ... and {len(self.errors) - 10} more"
        return text


class RunFailed(Exception):
    """A run ended with status "failed"; the message is the server's error."""


class RunTimeout(Exception):
    """A run did not finish within the time the caller allowed."""


def problem_from_body(body: bytes, content_type: str) -> tuple[str, list[Any]]:
    """Returns the detail and the rejected rows of an error response body.

    A problem+json body (RFC 9457) gives title/detail and our "errors"
    member; any other body is shown as text, shortened.
    """
    text = body.decode("utf-8", errors="replace").strip()
    if "json" in content_type or text.startswith("{"):
        try:
            doc = json.loads(text)
        except ValueError:
            doc = None
        if isinstance(doc, dict):
            errors = doc.get("errors") or []
            if not isinstance(errors, list):
                errors = [errors]
            detail = str(doc.get("detail") or "")
            if errors and "\n" in detail:
                # The detail repeats the rows listed in errors: keep its headline.
                detail = detail.split("\n", 1)[0] + " ..."
            parts = [p for p in (str(doc.get("title") or ""), detail) if p]
            return ": ".join(parts) or text[:300], errors
    text = " ".join(text.split())
    return (text[:200] + ("..." if len(text) > 200 else "")) or "(empty body)", []


def _format_item(item: Any) -> str:
    """Formats one rejected row or report entry on one line."""
    if isinstance(item, Mapping):
        return ", ".join(f"{k}={v}" for k, v in item.items() if v not in (None, ""))
    return str(item)


@dataclass
class Client:
    """A catchment server at base_url, optionally with a bearer token.

    timeout_s bounds each HTTP request (not a run; see wait_run).
    """

    base_url: str = DEFAULT_URL
    token: str | None = None
    timeout_s: float = 60.0
    session: requests.Session = field(default_factory=requests.Session)

    def __post_init__(self) -> None:
        self.base_url = self.base_url.rstrip("/") + "/"
        if self.token:
            self.session.headers["Authorization"] = f"Bearer {self.token}"

    def url(self, ref: str) -> str:
        """Resolves ref, an absolute URL, an absolute path from the server
        ("/api/v1/...") or a path relative to the API root ("datasets"),
        against the server's base URL."""
        if ref.startswith(("http://", "https://", "/")):
            return urljoin(self.base_url, ref)
        return urljoin(self.base_url, API + ref)

    def request(self, method: str, ref: str, **kwargs: Any) -> requests.Response:
        """Sends one request; raises APIError unless the status is 2xx."""
        url = self.url(ref)
        try:
            resp = self.session.request(method, url, timeout=self.timeout_s, **kwargs)
        except requests.ConnectionError as exc:
            raise APIError(method, url, None, "no response: cannot connect (is the server running?)") from exc
        except requests.Timeout as exc:
            raise APIError(method, url, None, f"no response within {self.timeout_s:g} s") from exc
        except requests.RequestException as exc:
            raise APIError(method, url, None, f"no response: {exc}") from exc
        if not 200 <= resp.status_code < 300:
            detail, errors = problem_from_body(
                resp.content, resp.headers.get("Content-Type", "")
            )
            raise APIError(method, url, resp.status_code, detail, errors)
        return resp

    def _json(self, method: str, ref: str, **kwargs: Any) -> Any:
        resp = self.request(method, ref, **kwargs)
        try:
            return resp.json()
        except ValueError as exc:
            raise APIError(
                method, resp.url, resp.status_code, f"response is not JSON: {exc}"
            ) from exc

    def get_style(self) -> dict[str, Any]:
        """Returns the server's palette (/style.json), the colours its map
        page and static maps draw in, completed from FALLBACK_STYLE; the
        fallback alone, with a note on stderr, when the server does not
        serve it."""
        url = urljoin(self.base_url, "style.json")
        try:
            doc = self._json("GET", url)
        except APIError as exc:
            print(f"client.py: no palette from the server ({exc}); using the built-in one",
                  file=sys.stderr)
            return merge_style(None)
        return merge_style(doc)

    # Data sets.

    def list_datasets(self) -> list[dict[str, Any]]:
        """Returns the data sets on the server (id, name, villages, ...)."""
        doc = self._json("GET", "datasets")
        if isinstance(doc, dict):  # tolerate {"datasets": [...]}
            doc = doc.get("datasets", [])
        return list(doc)

    def upload_dataset(
        self, villages: Path, facilities: Path, name: str | None = None
    ) -> dict[str, Any]:
        """Uploads a villages and a facilities file (CSV or GeoJSON) as one
        data set and returns the server's answer, with its read report."""
        data = {"name": name} if name else {}
        with open(villages, "rb") as vf, open(facilities, "rb") as ff:
            files = {
                "villages": (villages.name, vf, _content_type(villages)),
                "facilities": (facilities.name, ff, _content_type(facilities)),
            }
            return self._json("POST", "datasets", files=files, data=data)

    def get_dataset(self, dataset_id: str) -> dict[str, Any]:
        """Returns one data set's description."""
        return self._json("GET", "datasets/" + quote(dataset_id, safe=""))

    def delete_dataset(self, dataset_id: str) -> None:
        """Deletes a data set."""
        self.request("DELETE", "datasets/" + quote(dataset_id, safe=""))

    # Runs.

    def start_plan(
        self,
        dataset_id: str,
        policy: str = "shanxi",
        radius_km: Sequence[float] = (15.0,),
        subcentres: Sequence[str | int] = ("auto",),
    ) -> dict[str, Any]:
        """Starts a plan run of a data set; returns {id, status, url}."""
        body = {
            "kind": "plan",
            "dataset": dataset_id,
            "policy": policy,
            "radius_km": list(radius_km),
            # Counts go as JSON numbers, "auto" as a string.
            "subcentres": [int(k) if str(k).isdigit() else k for k in subcentres],
        }
        return self._json("POST", "runs", json=body)

    def start_run(self, kind: str, dataset_id: str, **params: Any) -> dict[str, Any]:
        """Starts a run of any kind (coverage, plan, budget, phase, quota,
        scorecard) with the keys of POST /api/v1/runs; None values are left
        out, so the server's (the policy's) defaults apply."""
        body = {"kind": kind, "dataset": dataset_id}
        body.update({k: v for k, v in params.items() if v is not None})
        return self._json("POST", "runs", json=body)

    def start_budget(
        self,
        dataset_id: str,
        subcentres_total: int,
        policy: str = "shanxi",
        radius_km: float = 15.0,
        county_min: int | None = None,
        county_max: int | None = None,
    ) -> dict[str, Any]:
        """Starts a city-wide sub-centre budget run (R5; `catchment plan
        --subcentres-total`): how many sites each county gets and where."""
        return self.start_run("budget", dataset_id, policy=policy, radius_km=radius_km,
                              subcentres_total=int(subcentres_total),
                              county_min=county_min, county_max=county_max)

    def start_phase(
        self,
        dataset_id: str,
        per_year: Sequence[int] = (530, 1060, 1048),
        start_year: int = 2024,
        source: str = "facilities",
        weights: Mapping[str, float] | None = None,
        policy: str = "shanxi",
        radius_km: float = 15.0,
    ) -> dict[str, Any]:
        """Starts a phasing run (R17; `catchment phase`): village clinic
        upgrades by year, weakest first. source is "facilities" (the
        village_clinic rows) or "plan" (the plan's clinics)."""
        return self.start_run("phase", dataset_id, policy=policy, radius_km=radius_km,
                              per_year=[int(n) for n in per_year], start_year=int(start_year),
                              **{"from": source}, weights=dict(weights) if weights else None)

    def start_quota(
        self, dataset_id: str, staff: int = 500, policy: str = "shanxi", radius_km: float = 15.0
    ) -> dict[str, Any]:
        """Starts a staff quota run (`catchment quota`): staff split across
        counties by the plan's doctor and township staff gaps (R10, R11)."""
        return self.start_run("quota", dataset_id, policy=policy, radius_km=radius_km, staff=int(staff))

    def start_scorecard(
        self,
        dataset_id: str,
        yellow_cards: int = 2,
        previous_yellow_cards: Sequence[str] | None = None,
        weights: Mapping[str, float] | None = None,
        policy: str = "shanxi",
        radius_km: float = 15.0,
        counties: Sequence[Mapping[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Starts a county scorecard run (R16; `catchment scorecard`).
        previous_yellow_cards are last year's carded counties; without them
        two-in-a-row is not assessed. counties is the county table as rows
        {county, residents, gps, health_workers}, figures left out unknown."""
        prev = None if previous_yellow_cards is None else list(previous_yellow_cards)
        return self.start_run("scorecard", dataset_id, policy=policy, radius_km=radius_km,
                              yellow_cards=int(yellow_cards), previous_yellow_cards=prev,
                              weights=dict(weights) if weights else None,
                              counties=[dict(r) for r in counties] if counties is not None else None)

    def read_text(self, url: str) -> str:
        """Reads a text result (report.md) as a string."""
        return self.request("GET", url).text

    def get_run(self, run_id: str) -> dict[str, Any]:
        """Returns a run's state: status, progress, error, results."""
        return self._json("GET", "runs/" + quote(run_id, safe=""))

    def wait_run(
        self,
        run_id: str,
        timeout_s: float = 300.0,
        on_progress: Callable[[dict[str, Any]], None] | None = None,
    ) -> dict[str, Any]:
        """Polls a run until it is done and returns its final state.

        Raises RunFailed when the server reports "failed" and RunTimeout
        when timeout_s (wall time) passes first. Polls start at 0.2 s apart
        and back off to 2 s, so short runs return quickly without hammering
        the server on long ones.
        """
        deadline = time.monotonic() + timeout_s
        pause = 0.2
        while True:
            run = self.get_run(run_id)
            if on_progress is not None:
                on_progress(run)
            status = run.get("status")
            if status == "done":
                return run
            if status == "failed":
                raise RunFailed(f"run {run_id} failed: {run.get('error') or 'no error given'}")
            if status not in ("queued", "running"):
                raise RunFailed(f"run {run_id}: unexpected status {status!r}")
            if time.monotonic() + pause > deadline:
                raise RunTimeout(
                    f"run {run_id} still {status} after {timeout_s:g} s "
                    f"(progress {run.get('progress')})"
                )
            time.sleep(pause)
            pause = min(pause * 1.5, 2.0)

    def result_url(self, run: Mapping[str, Any], name: str) -> str:
        """Returns the absolute URL of one result of a finished run.

        name is a file name such as "villages.geojson"; the run's results
        map is searched by key (with or without the extension) and then by
        the URL's last path element.
        """
        results = run.get("results") or {}
        stem = name.rsplit(".", 1)[0]
        for key in (name, stem):
            if key in results:
                return self.url(results[key])
        for ref in results.values():
            if str(ref).rstrip("/").rsplit("/", 1)[-1] == name:
                return self.url(ref)
        raise APIError(
            "GET",
            self.url("runs/" + quote(str(run.get("id", "")), safe="")),
            None,
            f"run has no result {name!r} (results: {', '.join(sorted(results)) or 'none'})",
        )

    # Reading results.

    def read_geojson(self, url: str) -> gpd.GeoDataFrame:
        """Reads a GeoJSON result into a GeoDataFrame (EPSG:4326).

        Without a token geopandas reads the URL itself (geopandas 0.12
        with fiona fetches http URLs with urllib and parses the bytes with
        GDAL). urllib cannot send our Authorization header, so with a token
        the bytes come through the session instead.
        """
        if not self.token:
            try:
                return gpd.read_file(url)
            except urllib.error.HTTPError as exc:
                detail, errors = problem_from_body(
                    exc.read(), exc.headers.get("Content-Type", "")
                )
                raise APIError("GET", url, exc.code, detail, errors) from exc
            except urllib.error.URLError as exc:
                raise APIError("GET", url, None, f"no response: {exc.reason}") from exc
        resp = self.request("GET", url)
        return gpd.read_file(io.BytesIO(resp.content))

    def read_csv(self, url: str, **kwargs: Any) -> pd.DataFrame:
        """Reads a CSV result with pandas straight from its URL.

        pandas passes storage_options to urllib as request headers for http
        URLs, which carries the token. The byte order mark the server
        writes for Excel is removed by the utf-8-sig codec.
        """
        headers = dict(self.session.headers) if self.token else None
        try:
            return pd.read_csv(url, storage_options=headers, encoding="utf-8-sig", **kwargs)
        except urllib.error.HTTPError as exc:
            detail, errors = problem_from_body(exc.read(), exc.headers.get("Content-Type", ""))
            raise APIError("GET", url, exc.code, detail, errors) from exc
        except urllib.error.URLError as exc:
            raise APIError("GET", url, None, f"no response: {exc.reason}") from exc

    def read_json(self, url: str) -> Any:
        """Reads a JSON result."""
        return self._json("GET", url)


# Programme checks: each compares a result with what its rule promises,
# from the result files alone, and returns the problems found (none: []).


def check_budget(budget: Mapping[str, Any], total: int) -> list[str]:
    """Budget (R5): at most total sites, the counties' sites add up to the
    allocation, and each county within its effective bounds."""
    problems = []
    sites = sum(int(c["sites"]) for c in budget["counties"])
    if budget["total"] != total or budget["allocated"] > total or sites != budget["allocated"]:
        problems.append(f"total {budget['total']}, allocated {budget['allocated']}, sites {sites}; asked {total}")
    for c in budget["counties"]:
        if not (c["lo"] <= c["sites"] <= c["hi"]) or len(c["site_ids"] or []) > c["sites"]:
            problems.append(f"{c['county']}: {c['sites']} sites outside {c['lo']}..{c['hi']}")
    return problems


def check_phase(phase: pd.DataFrame, per_year: Sequence[int], start_year: int) -> list[str]:
    """Phasing (R17): every clinic once, each year's count equal to its cap
    (the last scheduled year may be short), scores not increasing."""
    problems = []
    if phase["id"].duplicated().any():
        problems.append("a clinic appears twice")
    counts = phase["year"].dropna().astype(int).value_counts()
    left = len(phase)
    for i, cap in enumerate(per_year):
        want = min(cap, left)
        left -= want
        got = int(counts.get(start_year + i, 0))
        if got != want:
            problems.append(f"{start_year + i}: {got} clinics, want {want}")
    if (phase["score"].diff().dropna() > 1e-12).any():
        problems.append("scores increase down the priority order")
    return problems


def check_quota(quota: pd.DataFrame, staff: int) -> list[str]:
    """Quotas: sum exactly to staff, each the floor or ceiling of its
    exact share (largest remainder)."""
    problems = []
    if int(quota["quota"].sum()) != staff:
        problems.append(f"quotas sum to {int(quota['quota'].sum())}, want {staff}")
    exact = quota["exact_share"].astype(float)
    off = quota[(quota["quota"] < exact.apply(math.floor)) | (quota["quota"] > exact.apply(math.ceil))]
    for _, r in off.iterrows():
        problems.append(f"{r['county']}: quota {r['quota']} is not its share {r['exact_share']} rounded")
    return problems


def check_scorecard(card: pd.DataFrame, yellow_cards: int) -> list[str]:
    """Scorecard (R16): ranks 1..n by descending total, the lowest
    yellow_cards ranked counties carded, nobody else."""
    problems = []
    ranked = card[card["rank"] > 0].sort_values("rank")
    if list(ranked["rank"]) != list(range(1, len(ranked) + 1)):
        problems.append(f"ranks {list(ranked['rank'])}")
    if (ranked["total"].diff().dropna() > 1e-12).any():
        problems.append("totals increase down the ranking")
    want = set(ranked["county"].iloc[-min(yellow_cards, len(ranked)):]) if len(ranked) else set()
    got = set(card.loc[card["yellow_card"].astype(str).str.lower() == "true", "county"])
    if got != want:
        problems.append(f"yellow cards {sorted(got)}, want the lowest {yellow_cards}: {sorted(want)}")
    return problems


def run_programme(client: Client, dataset_id: str, policy: str, radius_km: float,
                  timeout_s: float = 300.0) -> dict[str, Any]:
    """Runs budget, phase, quota and scorecard on a data set, checks each
    with its check_* function and returns the finished runs by kind.
    Raises RunFailed when a check finds a problem."""
    runs: dict[str, Any] = {}
    started = {
        "budget": client.start_budget(dataset_id, 3, policy=policy, radius_km=radius_km),
        "phase": client.start_phase(dataset_id, per_year=(4, 4), start_year=2025, source="plan",
                                    policy=policy, radius_km=radius_km),
        "quota": client.start_quota(dataset_id, staff=50, policy=policy, radius_km=radius_km),
        "scorecard": client.start_scorecard(dataset_id, yellow_cards=1, policy=policy, radius_km=radius_km),
    }
    for kind, st in started.items():
        runs[kind] = client.wait_run(st["id"], timeout_s=timeout_s)
    problems = check_budget(client.read_json(client.result_url(runs["budget"], "budget.json")), 3)
    problems += check_phase(client.read_csv(client.result_url(runs["phase"], "phase.csv"),
                                            dtype={"id": str}), (4, 4), 2025)
    problems += check_quota(client.read_csv(client.result_url(runs["quota"], "quota.csv"),
                                            dtype={"county": str}), 50)
    counties = client.read_csv(client.result_url(runs["scorecard"], "scorecard.csv"), dtype={"county": str})
    problems += check_scorecard(counties, 1)
    if problems:
        raise RunFailed("programme checks failed:\n  " + "\n  ".join(problems))
    return runs


def _content_type(path: Path) -> str:
    """Returns the media type the server expects for an input file."""
    suffix = path.suffix.lower()
    if suffix in (".geojson", ".json"):
        return "application/geo+json"
    return "text/csv"


# Results of a plan.


@dataclass
class PlanResults:
    """The layers and tables of one finished plan run."""

    run: dict[str, Any]
    villages: gpd.GeoDataFrame
    subcentres: gpd.GeoDataFrame
    routes: gpd.GeoDataFrame
    counties: pd.DataFrame
    summary: dict[str, Any]
    style: dict[str, Any] = field(default_factory=lambda: merge_style(None))

    @property
    def radius_km(self) -> float:
        """The service radius the plan's cover was computed for."""
        return float(self.summary["radius_km"])


def read_plan_results(client: Client, run: Mapping[str, Any]) -> PlanResults:
    """Reads the results of a finished plan run from the server's URLs."""
    villages = client.read_geojson(client.result_url(run, "villages.geojson"))
    subcentres = client.read_geojson(client.result_url(run, "subcentres.geojson"))
    routes = client.read_geojson(client.result_url(run, "itinerant_routes.geojson"))
    # Ids and comma-joined id lists stay text: "F000360,F000473" is not a number.
    counties = client.read_csv(
        client.result_url(run, "counties.csv"),
        dtype={"county": str, "subcentres": str},
        keep_default_na=False,
    )
    summary = client.read_json(client.result_url(run, "summary.json"))
    return PlanResults(dict(run), villages, subcentres, routes, counties, summary, client.get_style())


def _bool_column(frame: pd.DataFrame, name: str) -> pd.Series:
    """Returns a boolean column; GDAL may hand booleans over as 0/1 or
    objects. A missing value is an error, not False: the village layer
    always has the cover flags."""
    col = frame[name]
    if col.isna().any():
        raise ValueError(f"{name}: {int(col.isna().sum())} villages have no value")
    return col.astype(bool)


def cover_categories(villages: pd.DataFrame) -> pd.Series:
    """Labels each village by county-level care cover: "County-level care
    today" (a county hospital within the radius), "County-level care from a
    proposed sub-centre" or "No county-level care within R km", the legend
    labels of the server's maps (CATEGORIES)."""
    today = _bool_column(villages, "county_care_today")
    after = _bool_column(villages, "county_care_after")
    now, from_site, none = CATEGORIES
    labels = pd.Series(none.format(within=_within(villages)), index=villages.index)
    labels[after & ~today] = from_site
    labels[today] = now
    return labels


def county_table(villages: pd.DataFrame, subcentres: pd.DataFrame) -> pd.DataFrame:
    """Tabulates the village layer by county: villages, population, the
    population with emergency network cover and with county-level care
    cover today and after the proposed sub-centres (and as shares), and the
    sub-centres chosen, in rank order, as comma-joined ids. Column names are
    those of counties.csv. Counties without a village are not listed; the
    total is not a row."""
    pop = villages["population"].astype("int64")
    v = pd.DataFrame({"county": villages["county"], "population": pop})
    measures = ("network_covered", "county_care_today", "county_care_after")
    for m in measures:
        v[m] = pop.where(_bool_column(villages, m), 0)
    table = v.groupby("county", sort=True).agg(
        villages=("population", "size"),
        population=("population", "sum"),
        **{m + "_population": (m, "sum") for m in measures},
    )
    for m in measures:
        table[m + "_share"] = table[m + "_population"] / table["population"]
    chosen: dict[str, str] = {}
    if len(subcentres):
        for county, group in subcentres.sort_values(["county", "rank"]).groupby("county"):
            chosen[county] = ",".join(group["id"].astype(str))
    table["subcentres"] = [chosen.get(c, "") for c in table.index]
    return table.reset_index()


def check_county_table(table: pd.DataFrame, counties_csv: pd.DataFrame) -> list[str]:
    """Compares the county table computed from the village layer with the
    server's counties.csv; returns the differences (empty when they agree).
    The two are written by different code on the server, so agreement is a
    real check that the layers and the tables describe the same plan."""
    problems = []
    theirs = counties_csv.set_index("county")
    ours = table.set_index("county")
    if set(ours.index) != set(theirs.index):
        problems.append(
            f"counties differ: layer {sorted(ours.index)} vs csv {sorted(theirs.index)}"
        )
    columns = ["villages", "population", "network_covered_population",
               "county_care_today_population", "county_care_after_population"]
    for county in sorted(set(ours.index) & set(theirs.index)):
        for col in columns:
            mine = col
            a, b = int(ours.at[county, mine]), int(theirs.at[county, col])
            if a != b:
                problems.append(f"{county}: {mine} {a} in the village layer, {col} {b} in counties.csv")
        a, b = ours.at[county, "subcentres"], str(theirs.at[county, "subcentres"])
        if set(filter(None, a.split(","))) != set(filter(None, b.split(","))):
            problems.append(f"{county}: sub-centres {a!r} in the layer, {b!r} in counties.csv")
    return problems


def format_county_table(table: pd.DataFrame) -> str:
    """Formats the county table for a terminal, with a total line."""
    shown = table.copy()
    for m in ("network_covered", "county_care_today", "county_care_after"):
        shown[m + "_share"] = (100 * shown[m + "_share"]).map("{:.1f}%".format)
    # Chinese names are two columns wide in a terminal.
    with pd.option_context("display.unicode.east_asian_width", True):
        text = shown.to_string(index=False)
    pop = int(table["population"].sum())
    network = int(table["network_covered_population"].sum())
    today = int(table["county_care_today_population"].sum())
    after = int(table["county_care_after_population"].sum())
    n_sites = sum(len(list(filter(None, s.split(",")))) for s in table["subcentres"])
    text += (
        f"\ntotal: {len(table)} counties, population {pop}, emergency network cover {network} "
        f"({_pct(network, pop)}), county-level care today {today} ({_pct(today, pop)}), "
        f"after {after} ({_pct(after, pop)}), {n_sites} sub-centres"
    )
    return text


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def format_report(report: Any) -> str:
    """Formats the server's read report of an upload: one line per input
    file (rows read, accepted, rejected, warnings) and the first rejected
    rows. report is a list of per-file reports or a mapping from input
    name to report; unknown shapes are shown as JSON rather than dropped."""
    if isinstance(report, Mapping) and report and all(isinstance(v, Mapping) for v in report.values()):
        entries = [(str(k), v) for k, v in report.items()]
    elif isinstance(report, list) and all(isinstance(r, Mapping) for r in report):
        entries = [(str(r.get("file", i)), r) for i, r in enumerate(report)]
    else:
        return json.dumps(report, ensure_ascii=False, indent=2)
    lines = []
    for label, r in entries:
        if "rows" not in r:
            lines.append(f"{label}: {json.dumps(r, ensure_ascii=False)}")
            continue
        if r.get("file") and r["file"] != label:
            label = f"{label}: {r['file']}"
        rejected, warnings = r.get("rejected") or [], r.get("warnings") or []
        n_rej = rejected if isinstance(rejected, int) else len(rejected)
        n_warn = warnings if isinstance(warnings, int) else len(warnings)
        desc = ", ".join(str(r[k]) for k in ("format", "encoding") if r.get(k))
        lines.append(
            f"{label}{f' ({desc})' if desc else ''}: {r['rows']} rows, "
            f"{r.get('accepted')} accepted, {n_rej} rejected, {n_warn} warnings"
        )
        for item in (rejected if isinstance(rejected, list) else [])[:5]:
            lines.append("  rejected: " + _format_item(item))
        if isinstance(rejected, list) and len(rejected) > 5:
            lines.append(f"  ... and {len(rejected) - 5} more rejected")
        for item in (warnings if isinstance(warnings, list) else [])[:5]:
            lines.append("  warning: " + _format_item(item))
    return "\n".join(lines)


def upload_report(answer: Mapping[str, Any]) -> Any:
    """Returns the read report of an upload answer: the server sends it as
    "reports" (one per file); "report" is accepted too."""
    return answer.get("reports", answer.get("report"))


# Map.


def geodesic_circles(points: gpd.GeoDataFrame, radius_km: float) -> gpd.GeoSeries:
    """Returns the circle of radius_km around each point, in EPSG:4326.

    Each circle is buffered in an azimuthal equidistant projection centred
    on its point: distances from the centre of that projection are WGS84
    geodesic distances, so the ring is the set of places the server counts
    as within the radius (it measures geodesic distance), not a circle in
    degrees.
    """
    rings = []
    for geom in points.geometry:
        local = f"+proj=aeqd +lat_0={geom.y} +lon_0={geom.x} +ellps=WGS84 +units=m +no_defs"
        one = gpd.GeoSeries([geom], crs="EPSG:4326").to_crs(local)
        rings.append(one.buffer(radius_km * 1000.0, resolution=32).to_crs("EPSG:4326").iloc[0])
    return gpd.GeoSeries(rings, crs="EPSG:4326")


def plot_coverage(results: PlanResults, ax: Any = None) -> Any:
    """Draws the plan map in the server's palette (results.style) and with
    its legend labels: villages coloured by county-level care, sub-centres as
    stars with their geodesic service circles, itinerant routes dashed.
    Returns the matplotlib Figure. Labels are ASCII so that no CJK font is
    needed."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    style = results.style
    if ax is None:
        fig, ax = plt.subplots(figsize=(9, 8))
    else:
        fig = ax.figure
    villages = results.villages
    categories = cover_categories(villages)
    pop = villages["population"].astype("int64")
    handles = []
    for label, key in CATEGORIES.items():
        label = label.format(within=_within(villages))
        colour = style["village"][key]
        mask = categories == label
        part = villages[mask]
        if len(part):
            part.plot(ax=ax, color=colour, markersize=8, edgecolor=style["village"]["outline"],
                      linewidth=0.3, zorder=2)
        handles.append(
            Line2D([], [], marker="o", linestyle="", color=colour,
                   label=f"{label}: {len(part):,} villages, {int(pop[mask].sum()):,} people")
        )
    if len(results.subcentres):
        sc = style["subcentre"]
        circles = geodesic_circles(results.subcentres, results.radius_km)
        circles.plot(ax=ax, color=sc["circle"], alpha=sc["circle_fill_opacity"], zorder=1)
        circles.boundary.plot(ax=ax, color=sc["circle"], linewidth=1, zorder=3)
        results.subcentres.plot(ax=ax, color=sc["fill"], marker="*", markersize=250,
                                edgecolor=sc["outline"], linewidth=0.7, zorder=4)
        handles.append(
            Line2D([], [], marker="*", linestyle="", markersize=14, color=sc["fill"],
                   markeredgecolor=sc["outline"],
                   label=f"Proposed sub-centre: {len(results.subcentres)} sites")
        )
        handles.append(
            Patch(facecolor=(*_rgb(sc["circle"]), sc["circle_fill_opacity"]), edgecolor=sc["circle"],
                  label=f"{results.radius_km:g} km circle of county-level care (geodesic)")
        )
    if len(results.routes):
        route = style["itinerant_route"]
        results.routes.plot(ax=ax, color=route, linewidth=0.9, linestyle=(0, (3, 1.6)), alpha=0.85, zorder=1)
        handles.append(Line2D([], [], color=route, linewidth=0.9, linestyle=(0, (3, 1.6)),
                              label=f"Itinerant route: {len(results.routes)} days"))
    total = int(pop.sum())
    today = int(pop[_bool_column(villages, "county_care_today")].sum())
    after = int(pop[_bool_column(villages, "county_care_after")].sum())
    network = int(pop[_bool_column(villages, "network_covered")].sum())
    ax.set_title(
        f"County-level care within {results.radius_km:g} km: "
        f"{_pct(today, total)} today, {_pct(after, total)} with the sub-centres\n"
        f"(emergency network cover {_pct(network, total)})"
    )
    ax.set_xlabel("longitude (deg)")
    ax.set_ylabel("latitude (deg)")
    # Outside the axes: a legend inside would hide villages.
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    return fig


def _rgb(colour: str) -> tuple[float, float, float]:
    """Converts "#RRGGBB" to matplotlib's (r, g, b) in [0, 1]."""
    h = colour.lstrip("#")
    return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


# A small synthetic data set.


def make_sample_csv(out_dir: Path, seed: int = 7, counties: int = 2) -> tuple[Path, Path]:
    """Writes villages.csv and facilities.csv of a small synthetic area
    into out_dir and returns their paths.

    Each county has a county hospital at its seat and six townships whose
    health centres lie 5 to 35 km from it, with villages up to 8 km around
    each; the far townships are outside a 15 km radius today, so a plan
    proposes sub-centres there. The same seed always gives the same files.
    Offsets are converted to degrees with a local flat approximation; that
    is fine for making data, the server measures geodesic distances.
    """
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    villages: list[list[Any]] = []
    facilities: list[list[Any]] = []
    county_names = ["样本县", "示范县", "东河县", "西岭县"]
    syllables = "东西南北上下前后大小新老高低杨李王张刘陈赵黄"
    for c in range(counties):
        county = county_names[c % len(county_names)] + ("" if c < len(county_names) else str(c))
        seat = (111.0 + 1.2 * c, 37.5)
        townships = [f"{syllables[(c * 6 + t) % len(syllables)]}{'城关' if t == 0 else '坪'}镇"
                     for t in range(6)]
        facilities.append([f"H{c + 1:02d}", f"{county}人民医院", "county_hospital",
                           county, townships[0], *_round_point(seat), 300, 420])
        for t, township in enumerate(townships):
            dist_km = 0.0 if t == 0 else 5.0 + 6.0 * t
            thc = _offset(seat, dist_km, 60.0 * t + rng.uniform(-10, 10))
            thc_id = f"T{c + 1:02d}{t + 1:02d}"
            facilities.append([thc_id, f"{township}卫生院", "township_health_centre",
                               county, township, *_round_point(thc),
                               rng.randint(10, 40), rng.randint(15, 45)])
            for v in range(rng.randint(8, 12)):
                where = _offset(thc, rng.uniform(0.5, 8.0), rng.uniform(0, 360))
                population = int(math.exp(rng.uniform(math.log(80), math.log(3000))))
                vid = f"V{c + 1:02d}{t + 1:02d}{v + 1:02d}"
                name = syllables[rng.randrange(len(syllables))] + syllables[rng.randrange(len(syllables))] + "村"
                villages.append([vid, name, county, township, population, *_round_point(where)])
                if population >= 800:
                    facilities.append([f"C{vid[1:]}", f"{name}卫生室", "village_clinic",
                                       county, township, *_round_point(where), "", 2])
    vpath, fpath = out_dir / "villages.csv", out_dir / "facilities.csv"
    _write_csv(vpath, ["id", "name", "county", "township", "population", "lon", "lat"], villages)
    _write_csv(fpath, ["id", "name", "type", "county", "township", "lon", "lat", "beds", "staff"],
               facilities)
    return vpath, fpath


def _offset(p: tuple[float, float], dist_km: float, azimuth_deg: float) -> tuple[float, float]:
    """Moves p (lon, lat degrees) dist_km towards azimuth_deg, flat-earth."""
    a = math.radians(azimuth_deg)
    dlat = dist_km * math.cos(a) / 111.32
    dlon = dist_km * math.sin(a) / (111.32 * math.cos(math.radians(p[1])))
    return p[0] + dlon, p[1] + dlat


def _round_point(p: tuple[float, float]) -> tuple[float, float]:
    return round(p[0], 6), round(p[1], 6)


def _write_csv(path: Path, header: list[str], rows: Iterable[list[Any]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


# Command line.


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parses the command line."""
    p = argparse.ArgumentParser(
        description="Upload a data set to a catchment server, run a plan, "
        "read the results with geopandas and map the cover.",
    )
    p.add_argument("--url", default=DEFAULT_URL, help="server base URL (default %(default)s)")
    p.add_argument("--token", default=os.environ.get("CATCHMENT_TOKEN"),
                   help="bearer token (default: env CATCHMENT_TOKEN)")
    p.add_argument("--villages", type=Path, help="villages file, CSV or GeoJSON")
    p.add_argument("--facilities", type=Path, help="facilities file, CSV or GeoJSON")
    p.add_argument("--dataset", help="use this data set on the server instead of uploading")
    p.add_argument("--name", default="python client example", help="name of the uploaded data set")
    p.add_argument("--policy", default="shanxi", help="policy preset (default %(default)s)")
    p.add_argument("--radius-km", type=float, default=15.0, help="service radius in km (default %(default)s)")
    p.add_argument("--subcentres", default="auto", help='sub-centres per county: "auto" or a number')
    p.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for the run (default %(default)s)")
    p.add_argument("--out", type=Path, default=Path("catchment-out"), help="directory for the map and inputs")
    p.add_argument("--delete", action="store_true", help="delete the uploaded data set at the end")
    args = p.parse_args(argv)
    if (args.villages is None) != (args.facilities is None):
        p.error("--villages and --facilities go together")
    if args.dataset and args.villages:
        p.error("--dataset and --villages/--facilities exclude each other")
    if not args.radius_km > 0:
        p.error("--radius-km must be positive")
    return args


def run(args: argparse.Namespace) -> None:
    """Runs the whole example; raises APIError, RunFailed or RunTimeout."""
    client = Client(args.url, token=args.token)
    datasets = client.list_datasets()
    print(f"datasets on the server: {len(datasets)}")
    for d in datasets:
        print(f"  {d.get('id')}  {d.get('name', '')!s:30}  villages {d.get('villages')}  "
              f"facilities {d.get('facilities')}  created {d.get('created', '')}")

    uploaded = None
    if args.dataset:
        dataset_id = args.dataset
        d = client.get_dataset(dataset_id)
        print(f"using dataset {dataset_id}: {d.get('villages')} villages, {d.get('facilities')} facilities")
    else:
        villages, facilities = args.villages, args.facilities
        if villages is None:
            villages, facilities = make_sample_csv(args.out / "input")
            print(f"wrote a synthetic data set: {villages}, {facilities}")
        d = client.upload_dataset(villages, facilities, args.name)
        dataset_id = uploaded = d["id"]
        print(f"uploaded dataset {dataset_id}: {d.get('villages')} villages, {d.get('facilities')} facilities")
        report = upload_report(d)
        if report is not None:
            print("read report:")
            print(format_report(report))

    try:
        started = client.start_plan(dataset_id, args.policy, [args.radius_km], [args.subcentres])
        run_id = started["id"]
        print(f"run {run_id}: {started.get('status')}")
        last: list[Any] = [None]

        def show(state: dict[str, Any]) -> None:
            key = (state.get("status"), json.dumps(state.get("progress"), sort_keys=True))
            if key != last[0]:
                last[0] = key
                print(f"  {state.get('status')} {state.get('progress') or ''}", file=sys.stderr)

        final = client.wait_run(run_id, timeout_s=args.timeout, on_progress=show)
        print(f"run {run_id}: done, results: {', '.join(sorted(final.get('results') or {}))}")

        results = read_plan_results(client, final)
        print(f"read {len(results.villages)} villages, {len(results.subcentres)} sub-centres, "
              f"{len(results.routes)} itinerant routes at radius {results.radius_km:g} km")
        table = county_table(results.villages, results.subcentres)
        print(format_county_table(table))
        problems = check_county_table(table, results.counties)
        if problems:
            raise RunFailed("the village layer and counties.csv disagree:\n  " + "\n  ".join(problems))
        print("check: village layer agrees with counties.csv")

        programme = run_programme(client, dataset_id, args.policy, args.radius_km, timeout_s=args.timeout)
        for kind, done in programme.items():
            print(f"{kind} run {done['id']}: done, results: {', '.join(sorted(done.get('results') or {}))}")
        print("check: budget, phase, quota and scorecard agree with their rules")

        import matplotlib

        matplotlib.use("Agg")  # no display needed; only when run as a script
        fig = plot_coverage(results)
        args.out.mkdir(parents=True, exist_ok=True)
        png = args.out / "coverage.png"
        fig.savefig(png, dpi=120, bbox_inches="tight")
        print(f"map: {png}")
    finally:
        if uploaded and args.delete:
            client.delete_dataset(uploaded)
            print(f"deleted dataset {uploaded}")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: returns the exit status."""
    args = parse_args(argv)
    try:
        run(args)
    except (APIError, RunFailed, RunTimeout) as exc:
        print(f"client.py: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"client.py: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
