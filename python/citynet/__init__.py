"""citynet: how cities are connected through international city networks.

Read a membership table (which cities belong to which programs), an edge list or a network
folder; get the cities, programs, memberships and ties as pandas DataFrames; compute the
per-city metrics, the statistically validated projection (backbone) and the published analyses
(rank robustness, GaWC connectivity, brokerage); hand any graph to NetworkX; draw publication
figures inline in Jupyter. Every number is the one the ``citynet`` command line writes.

>>> import citynet
>>> net = citynet.read("networks/city-diplomacy")
>>> m = net.metrics(["degree", "strength"])
>>> list(m.columns[:2])
['city', 'country']
>>> int(m["degree"].max()) <= len(net.cities) - 1
True
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import _citynet
from ._citynet import InputError

__all__ = [
    "CitynetWarning",
    "Figure",
    "InputError",
    "Network",
    "from_edges",
    "from_networkx",
    "from_pandas",
    "known_metrics",
    "read",
]

__version__: str = _citynet.version()

PathLike = Union[str, "os.PathLike[str]"]

#: Flags given once per item (the others take a comma-separated list).
_REPEATED = {"alias", "hinterworld"}


class CitynetWarning(UserWarning):
    """A warning of citynet: what the command line prints as ``warning: ...`` on stderr.

    >>> import warnings, citynet
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     net = citynet.read("networks/city-diplomacy")
    >>> all(issubclass(w.category, citynet.CitynetWarning) for w in caught)
    True
    """


def _flags(**options: Any) -> List[str]:
    """Keyword arguments as command-line flags: ``city_col="x"`` is ``--city-col=x``."""
    out: List[str] = []
    for key, value in options.items():
        if value is None or value is False:
            continue
        flag = "--" + key.replace("_", "-")
        if value is True:
            out.append(flag)
        elif isinstance(value, dict):
            out.extend(f"{flag}={k}={v}" for k, v in value.items())
        elif isinstance(value, (list, tuple, set)):
            if key in _REPEATED:
                out.extend(f"{flag}={v}" for v in value)
            else:
                out.append(f"{flag}=" + ",".join(str(v) for v in value))
        elif isinstance(value, os.PathLike):
            out.append(f"{flag}={os.fspath(value)}")
        else:
            out.append(f"{flag}={value}")
    return out


def _frame(columns: Sequence[Tuple[str, str, Any]]) -> pd.DataFrame:
    """A DataFrame from the columns the Rust module hands over (byte buffers and lists)."""
    data: Dict[str, Any] = {}
    for name, dtype, values in columns:
        if dtype == "f8":
            data[name] = np.frombuffer(values, dtype="<f8")
        elif dtype == "i8":
            data[name] = np.frombuffer(values, dtype="<i8")
        elif dtype == "bool":
            data[name] = np.frombuffer(values, dtype=np.uint8).astype(bool)
        else:
            data[name] = pd.Series(values, dtype=object)
    return pd.DataFrame(data)


#: At most this many warnings are issued per call, as the command line prints at most 20.
_WARNING_LIMIT = 20


def _warn(lines: Iterable[str], stacklevel: int = 3) -> None:
    lines = list(lines)
    for line in lines[:_WARNING_LIMIT]:
        text = line[len("warning: ") :] if line.startswith("warning: ") else line
        warnings.warn(text, CitynetWarning, stacklevel=stacklevel)
    if len(lines) > _WARNING_LIMIT:
        warnings.warn(
            f"... and {len(lines) - _WARNING_LIMIT} more warnings (all are listed in "
            "Network.warnings)", CitynetWarning, stacklevel=stacklevel,
        )


def _graph_flag(graph: str) -> Dict[str, Any]:
    """``graph=`` of the measures: the projection (weighted) or the validated projection."""
    g = graph.replace("_", "-").lower()
    if g in ("projection", "weighted"):
        return {}
    if g == "validated":
        return {"graph": "validated"}
    raise ValueError(
        f"graph={graph!r}: the metrics measure the city projection; expected 'projection' or "
        "'validated' (to_networkx takes 'two-mode', 'programs' and 'ties' too)"
    )


def known_metrics() -> List[str]:
    """The metric names :meth:`Network.metrics` accepts.

    >>> "betweenness" in citynet.known_metrics()
    True
    """
    return list(_citynet.known_metrics())


class Figure:
    """A figure of :meth:`Network.figure`: shown inline in Jupyter (SVG), saved with :meth:`save`.

    >>> fig = citynet.read("networks/city-diplomacy").figure("rank", size="degree")
    >>> fig.svg().startswith("<svg") or fig.svg().startswith("<?xml")
    True
    """

    def __init__(self, network: "Network", args: List[str], threads: Optional[int]) -> None:
        self._network = network
        self._args = args
        self._threads = threads
        self._svg: Optional[str] = None

    def render(self, format: str = "svg") -> bytes:
        """The figure as bytes: ``svg``, ``png``, ``pdf`` or ``dot`` (charts: svg or png)."""
        return self._network._net.figure(self._args, format, self._threads)

    def svg(self) -> str:
        """The figure as SVG text."""
        if self._svg is None:
            self._svg = self.render("svg").decode("utf-8")
        return self._svg

    def _repr_svg_(self) -> str:
        return self.svg()

    def save(self, path: PathLike) -> Path:
        """Writes the figure; the format follows the extension (.svg, .png, .pdf, .dot).

        >>> import tempfile, pathlib
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "rank.png"
        >>> fig = citynet.read("networks/city-diplomacy").figure("rank")
        >>> fig.save(out).read_bytes()[:4] == b"\\x89PNG"
        True
        """
        p = Path(path)
        fmt = p.suffix.lstrip(".").lower()
        if fmt not in ("svg", "png", "pdf", "dot"):
            raise ValueError(f"{p}: expected a file ending in .svg, .png, .pdf or .dot")
        p.write_bytes(self.render(fmt))
        return p


class Network:
    """A network: cities, programs, memberships and direct ties.

    Made by :func:`read`, :func:`from_pandas`, :func:`from_edges` or :func:`from_networkx`.

    >>> net = citynet.read("networks/city-diplomacy")
    >>> net.cities.columns[0], net.programs.columns[0]
    ('city', 'program')
    """

    def __init__(self, inner: Any, csv: Optional[Tuple[str, bytes, List[str]]] = None,
                 as_of: Optional[int] = None) -> None:
        self._net = inner
        self._csv = csv
        self._as_of = as_of
        self._cache: Dict[str, pd.DataFrame] = {}

    @staticmethod
    def from_networkx(G: Any, weight: str = "weight", name: str = "networkx") -> "Network":
        """The same as :func:`citynet.from_networkx`."""
        return from_networkx(G, weight=weight, name=name)

    @staticmethod
    def from_edges(df: pd.DataFrame, source: str = "source", target: str = "target",
                   weight: Optional[str] = None, name: str = "edges",
                   **options: Any) -> "Network":
        """The same as :func:`citynet.from_edges`."""
        return from_edges(df, source=source, target=target, weight=weight, name=name,
                          **options)

    def __repr__(self) -> str:
        return (
            f"<citynet.Network {self.name!r}: {self._net.kind}, {len(self.cities)} cities, "
            f"{len(self.programs)} programs, {len(self.memberships)} memberships, "
            f"{len(self.ties)} ties>"
        )

    @property
    def name(self) -> str:
        """The network's name (the folder or file stem)."""
        return str(self._net.name)

    @property
    def warnings(self) -> List[str]:
        """What reading the input warned about, one line each (also issued as warnings)."""
        return [d[6] for d in self._net.warnings]

    @property
    def title(self) -> str:
        """The title of a network folder (network.toml), else empty."""
        return str(self._net.meta[0])

    def _table(self, key: str) -> pd.DataFrame:
        if key not in self._cache:
            self._cache[key] = _frame(getattr(self._net, key)())
        return self._cache[key].copy()

    @property
    def cities(self) -> pd.DataFrame:
        """One row per city (an edge list's nodes): city, country, lat, lon and attributes.

        >>> citynet.read("networks/city-diplomacy").cities.loc[0, "city"] != ""
        True
        """
        return self._table("cities")

    @property
    def programs(self) -> pd.DataFrame:
        """One row per program: program and its attributes (empty for an edge list).

        >>> len(citynet.read("networks/city-diplomacy").programs) > 0
        True
        """
        return self._table("programs")

    @property
    def memberships(self) -> pd.DataFrame:
        """One row per membership: city, country, program, weight, role, since, until.

        >>> m = citynet.read("networks/city-diplomacy").memberships
        >>> list(m.columns[:3])
        ['city', 'country', 'program']
        """
        m = self._table("memberships")
        cities = self._table("cities")
        programs = self._table("programs")
        city = m.pop("city").to_numpy()
        program = m.pop("program").to_numpy()
        m.insert(0, "program", programs["program"].to_numpy()[program] if len(m) else [])
        m.insert(0, "country", cities["country"].to_numpy()[city] if len(m) else [])
        m.insert(0, "city", cities["city"].to_numpy()[city] if len(m) else [])
        return m

    @property
    def ties(self) -> pd.DataFrame:
        """One row per direct tie: city_a, country_a, city_b, country_b, kind, weight, since, until.

        >>> list(citynet.read("networks/city-diplomacy").ties.columns[:2])
        ['city_a', 'country_a']
        """
        t = self._table("ties")
        cities = self._table("cities")
        a = t.pop("a").to_numpy()
        b = t.pop("b").to_numpy()
        names, countries = cities["city"].to_numpy(), cities["country"].to_numpy()
        for i, (col, idx) in enumerate(
            [("city_a", a), ("country_a", a), ("city_b", b), ("country_b", b)]
        ):
            values = (names if col.startswith("city") else countries)[idx] if len(t) else []
            t.insert(i, col, values)
        return t

    def as_of(self, year: int) -> "Network":
        """The network as it stood in ``year``: only memberships and ties active that year.

        >>> net = citynet.read("networks/city-diplomacy")
        >>> len(net.as_of(2000).memberships) <= len(net.memberships)
        True
        """
        return Network(self._net.as_of(int(year)), self._csv, int(year))

    def metrics(
        self,
        metrics: Optional[Sequence[str]] = None,
        graph: str = "projection",
        threads: Optional[int] = None,
        exact: Optional[bool] = None,
        **options: Any,
    ) -> pd.DataFrame:
        """One row per city: the columns and values of ``citynet metrics`` (bit for bit).

        ``metrics``: the columns (default: the defaults of the command); ``graph``:
        ``"projection"`` or ``"validated"`` (then ``model=``, ``alpha=``, ``correction=``...
        as in :meth:`backbone`); ``threads``: worker threads (results do not depend on it);
        ``exact``, ``epsilon``, ``delta``, ``sample_seed``, ``time_budget``: the approximation
        of large graphs, as the command's flags.

        >>> m = citynet.read("networks/city-diplomacy").metrics(["degree", "betweenness"])
        >>> bool((m["betweenness"] >= 0).all())
        True
        """
        args = _flags(metrics=metrics, exact=exact, **_graph_flag(graph), **options)
        columns, notes = self._net.metrics(args, threads)
        _warn(notes)
        df = _frame(columns)
        for c in ("lat", "lon"):
            if c in df.columns:
                df[c] = pd.to_numeric(df[c].replace("", np.nan), errors="coerce")
        return df

    def evolve(
        self,
        start: Optional[int] = None,
        end: Optional[int] = None,
        step: int = 1,
        metrics: Optional[Sequence[str]] = None,
        by: str = "degree",
        threads: Optional[int] = None,
    ) -> pd.DataFrame:
        """The network year by year, as ``evolution.csv`` of ``citynet evolve``: one row per
        year and city, the metric columns of each year's network (:meth:`as_of`); years from
        ``start`` to ``end`` (default: the input's since/until span) every ``step``.
        ``metrics`` defaults to programs (inputs with programs), degree and strength, plus
        ``by``.

        >>> e = citynet.read("tests/data/folder").evolve(2005, 2015, step=5)
        >>> sorted(set(e["year"]))
        [2005, 2010, 2015]
        """
        years = self._net.years(start, end, step)
        if metrics is None:
            names = (["programs"] if len(self.programs) else []) + ["degree", "strength"]
        else:
            names = list(metrics)
        if by not in names:
            names.append(by)
        frames = []
        for y in years:
            df = self.as_of(y).metrics(names, threads=threads)
            df.insert(0, "year", y)
            frames.append(df)
        return pd.concat(frames, ignore_index=True)

    def program_table(self) -> Optional[pd.DataFrame]:
        """One row per program with its measures (``programs.csv`` of ``analyze``).

        >>> t = citynet.read("networks/city-diplomacy").program_table()
        >>> t is not None and "program" in t.columns
        True
        """
        cols = self._net.program_table()
        return None if cols is None else _frame(cols)

    def backbone(
        self,
        model: str = "sdsm",
        alpha: float = 0.05,
        correction: str = "fdr",
        tests: str = "tested",
        pvalue: str = "exact",
        min_weight: Optional[float] = None,
        eligible: Optional[PathLike] = None,
        all_pairs: bool = False,
        threads: Optional[int] = None,
    ) -> pd.DataFrame:
        """The validated projection, as ``citynet backbone``: one row per kept pair (every
        tested pair with ``all_pairs``): city_a, country_a, city_b, country_b, shared,
        expected, p_value, p_adjusted, kept.

        ``model``: ``sdsm``, ``fixedrow``, ``disparity`` or ``threshold`` (with
        ``min_weight``); ``correction``: ``fdr``, ``bonferroni``, ``holm`` or ``none``.

        >>> b = citynet.read("networks/city-diplomacy").backbone(all_pairs=True)
        >>> bool(b["p_value"].between(0, 1).all())
        True
        """
        args = _flags(
            model=model, alpha=alpha, correction=correction, tests=tests, pvalue=pvalue,
            min_weight=min_weight, eligible=eligible, all_pairs=all_pairs,
        )
        return _frame(self._net.backbone(args, threads))

    def robustness(
        self,
        metric: str = "strength",
        graph: str = "projection",
        replicates: int = 1000,
        seed: int = 1,
        pair: Optional[Tuple[str, str]] = None,
        threads: Optional[int] = None,
    ) -> pd.DataFrame:
        """How much the ranking by ``metric`` moves when programs are left out or resampled,
        as ``citynet robustness``: one row per city; the network-level summary (Kendall tau_b,
        top-10 overlap, the ``pair`` comparison) is in ``.attrs["summary"]``.

        >>> r = citynet.read("networks/city-diplomacy").robustness(replicates=20)
        >>> bool((r["boot_rank_lo"] <= r["boot_rank_hi"]).all())
        True
        """
        args = _flags(metric=metric, replicates=replicates, seed=seed, **_graph_flag(graph))
        columns, summary = self._net.robustness(args, pair, threads)
        df = _frame(columns)
        df.attrs["summary"] = json.loads(summary)
        return df

    def connectivity(
        self,
        group: str = "country",
        hinterworld: Sequence[str] = (),
        dyads: int = 50,
        graph: str = "projection",
        threads: Optional[int] = None,
    ) -> Dict[str, pd.DataFrame]:
        """The GaWC suite of ``citynet connectivity``, by table name: ``connectivity``,
        ``dyads``, ``groups`` and, for the cities in ``hinterworld``, ``hinterworld``.

        >>> t = citynet.read("networks/city-diplomacy").connectivity(hinterworld=["Paris"])
        >>> sorted(t)
        ['connectivity', 'dyads', 'groups', 'hinterworld']
        """
        args = _flags(group=group, hinterworld=list(hinterworld), dyads=dyads,
                      **_graph_flag(graph))
        return {
            name[: -len(".csv")] if name.endswith(".csv") else name: _frame(cols)
            for name, cols in self._net.connectivity(args, threads)
        }

    def brokerage(
        self, group: str, graph: Optional[str] = None, threads: Optional[int] = None
    ) -> pd.DataFrame:
        """Gould–Fernandez brokerage roles of each city between the groups of ``group``, as
        ``citynet brokerage`` (and R's ``sna::brokerage``); ``graph``: ``projection``,
        ``validated`` or ``ties``.

        >>> b = citynet.read("networks/city-diplomacy").brokerage("country")
        >>> "liaison" in b.columns
        True
        """
        return _frame(self._net.brokerage(_flags(group=group, graph=graph), threads))

    def table(
        self,
        by: str = "degree",
        top: int = 10,
        columns: Sequence[str] = (),
        precision: int = 3,
        format: Optional[str] = None,
        graph: str = "projection",
        threads: Optional[int] = None,
    ) -> Union[pd.DataFrame, str]:
        """The ranked table of ``citynet table``: the ``top`` cities by ``by`` (ties share a
        rank) with the extra ``columns``; as a DataFrame of the printed text, or rendered as
        ``format`` (``markdown``, ``latex``, ``csv``).

        >>> print(citynet.read("networks/city-diplomacy").table(top=3, format="markdown"))
        ... # doctest: +ELLIPSIS
        | rank | city | ...
        """
        args = _flags(by=by, top=top, columns=list(columns) or None, precision=precision,
                      format=format, **_graph_flag(graph))
        headers, rows, caption, rendered = self._net.table(args, threads)
        if format is not None:
            return str(rendered)
        df = pd.DataFrame(rows, columns=headers)
        df.attrs["caption"] = caption
        return df

    def to_networkx(
        self,
        graph: str = "projection",
        metrics: Optional[Sequence[str]] = None,
        threads: Optional[int] = None,
    ) -> Any:
        """The graph as a ``networkx.Graph`` with every attribute and metric on its nodes (the
        graph ``citynet export --graph GRAPH`` writes): ``projection``, ``validated``,
        ``two-mode``, ``programs`` or ``ties``. Node keys are the export's ids; ``label`` is
        the name.

        >>> G = citynet.read("networks/city-diplomacy").to_networkx()
        >>> all("degree" in d for _, d in G.nodes(data=True))
        True
        """
        import networkx as nx

        extra = {"graph": "validated"} if graph.replace("_", "-") == "validated" else {}
        attrs, ids, labels, node_cols, edges, edge_cols = self._net.graph(
            graph, _flags(metrics=metrics, **extra), threads
        )
        G = nx.Graph()
        G.graph.update(dict(attrs))
        columns = [(n, t, _column(t, v)) for n, t, v in node_cols]
        for i, (node, label) in enumerate(zip(ids, labels)):
            data: Dict[str, Any] = {"label": label}
            for name, dtype, values in columns:
                v = values[i]
                if v is None or (dtype != "str" and np.isnan(v)):
                    continue
                data[name] = int(v) if dtype == "i8" else (float(v) if dtype == "f8" else v)
            G.add_node(node, **data)
        src = np.frombuffer(edges[0], dtype="<i8")
        dst = np.frombuffer(edges[1], dtype="<i8")
        weight = np.frombuffer(edges[2], dtype="<f8")
        ecols = [(n, t, _column(t, v)) for n, t, v in edge_cols]
        for k in range(len(src)):
            data = {"weight": float(weight[k])}
            for name, dtype, values in ecols:
                v = values[k]
                if v is None or (dtype != "str" and np.isnan(v)):
                    continue
                data[name] = int(v) if dtype == "i8" else (float(v) if dtype == "f8" else v)
            G.add_edge(ids[src[k]], ids[dst[k]], **data)
        return G

    def export(
        self,
        path: PathLike,
        to: Optional[str] = None,
        graph: Optional[str] = None,
        metrics: Optional[Sequence[str]] = None,
        threads: Optional[int] = None,
    ) -> Path:
        """Writes the graph as ``citynet export`` does: GraphML, GEXF, node-link JSON or Pajek
        (``to``, else from the extension), ``graph`` as in :meth:`to_networkx`.

        >>> import tempfile, pathlib
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
        >>> citynet.read("networks/city-diplomacy").export(out).exists()
        True
        """
        self._net.export(os.fspath(path), _flags(to=to, graph=graph, metrics=metrics), threads)
        return Path(path)

    def figure(self, view: str = "network", threads: Optional[int] = None,
               **options: Any) -> Figure:
        """A figure of ``citynet render``: ``view`` is ``network``, ``bipartite``, ``map``,
        ``ego`` (with ``city=``), ``rank`` or ``degrees``; the other options are the command's
        (``size="betweenness"``, ``color="community"``, ``labels=20``, ``top=``,
        ``min_weight=``, ``graph="validated"``, ``title=``, ``layout=``, ``width_mm=``, ``dpi=``...).

        >>> fig = citynet.read("networks/city-diplomacy").figure("degrees")
        >>> "<svg" in fig.svg()
        True
        """
        return Figure(self, _flags(view=view, **options), threads)

    def analyze(self, out: Optional[PathLike] = None, figures: bool = True,
                threads: Optional[int] = None, **options: Any) -> Path:
        """Writes the result folder of ``citynet analyze`` (tables, summary, report, figures)
        and returns its path; options as the command's (``metrics=``, ``dpi=``, ...).
        """
        args = _flags(out=out, no_figures=not figures, as_of=self._as_of, **options)
        if self._csv is not None and self._net.path == self._csv[0]:
            name, data, read_args = self._csv
            with tempfile.TemporaryDirectory() as tmp:
                src = Path(tmp) / f"{Path(name).name}.csv"
                src.write_bytes(data)
                net = _citynet.read(str(src), read_args)
                folder, _ = net.analyze(args, threads)
        else:
            folder, _ = self._net.analyze(args, threads)
        return Path(folder)


def _column(dtype: str, values: Any) -> Any:
    if dtype == "str":
        return values
    return np.frombuffer(values, dtype="<f8")


def read(path: PathLike, **options: Any) -> Network:
    """Reads a network folder, membership table (CSV, TSV, Excel, OpenDocument), edge list,
    GraphML or GEXF file, with the command line's input options as keywords: ``kind=``,
    ``encoding=``, ``sheet=``, ``program_sep=``, ``city_col=``, ``country_col=``,
    ``program_col=``, ``source_col=``, ``target_col=``, ``weight_col=``, ``lat_col=``,
    ``lon_col=``, ``alias={"NYC": "New York"}``, ``na=[...]``, ``strict=True``,
    ``rejected="rejected.csv"``, ``max_memory="8G"``.

    Warnings become :class:`CitynetWarning`; an unusable input raises :class:`InputError`
    with ``file``, ``line``, ``column``, ``value`` and every problem in ``diagnostics``.

    >>> net = citynet.read("networks/city-diplomacy")
    >>> net.name
    'city-diplomacy'
    """
    net = _citynet.read(os.fspath(path), _flags(**options))
    _warn((d[6] for d in net.warnings))
    return Network(net)


def _from_csv(name: str, data: bytes, args: List[str]) -> Network:
    net = _citynet.read_csv_bytes(name, data, args)
    _warn((d[6] for d in net.warnings), stacklevel=4)
    return Network(net, (name, data, args))


def from_pandas(
    df: pd.DataFrame,
    city: str = "city",
    program: str = "program",
    country: Optional[str] = None,
    weight: Optional[str] = None,
    name: str = "dataframe",
    **options: Any,
) -> Network:
    """A network from a membership table held as a DataFrame: one row per city and program
    (``program_sep=";"`` splits cells listing several). Every other column is read as the
    command line reads a CSV column (``lat``/``lon``, ``since``/``until``, ``role``, city
    attributes). Errors name the line of the CSV the frame becomes (row ``i`` is line
    ``i + 2``).

    >>> import pandas as pd
    >>> df = pd.DataFrame({"city": ["Paris", "Lima", "Lima"], "country": ["France", "Peru", "Peru"],
    ...                    "program": ["C40", "C40", "ICLEI"]})
    >>> net = citynet.from_pandas(df)
    >>> len(net.cities), len(net.programs)
    (2, 2)
    """
    data = df.to_csv(index=False).encode("utf-8")
    args = _flags(kind="membership-table", city_col=city, program_col=program,
                  country_col=country, weight_col=weight, **options)
    return _from_csv(name, data, args)


def from_edges(
    df: pd.DataFrame,
    source: str = "source",
    target: str = "target",
    weight: Optional[str] = None,
    name: str = "edges",
    **options: Any,
) -> Network:
    """A network from an edge list held as a DataFrame (one row per tie).

    >>> import pandas as pd
    >>> net = citynet.from_edges(pd.DataFrame({"source": ["A", "B"], "target": ["B", "C"]}))
    >>> len(net.cities)
    3
    """
    data = df.to_csv(index=False).encode("utf-8")
    args = _flags(kind="edge-list", source_col=source, target_col=target, weight_col=weight,
                  **options)
    return _from_csv(name, data, args)


def from_networkx(G: Any, weight: str = "weight", name: str = "networkx") -> Network:
    """A network from a NetworkX graph: a two-mode graph (every node has ``bipartite`` 0 for
    cities, 1 for programs) becomes a membership table, any other graph an edge list of its
    nodes' string forms. Nodes without an edge are left out with a :class:`CitynetWarning`.

    >>> import networkx as nx
    >>> net = citynet.from_networkx(nx.karate_club_graph())
    >>> len(net.cities)
    34
    """
    isolated = [n for n in G.nodes if G.degree(n) == 0]
    if isolated:
        warnings.warn(
            f"{len(isolated)} node(s) without edges left out (an edge list has only edges): "
            + ", ".join(map(str, isolated[:10])) + (" ..." if len(isolated) > 10 else ""),
            CitynetWarning, stacklevel=2,
        )
    side = dict(G.nodes(data="bipartite"))
    rows = []
    if G.number_of_nodes() and all(v in (0, 1) for v in side.values()):
        for u, v, w in G.edges(data=weight, default=1.0):
            c, p = (u, v) if side[u] == 0 else (v, u)
            if side[c] != 0 or side[p] != 1:
                raise ValueError(f"edge {u!r}–{v!r} does not join a city (0) to a program (1)")
            rows.append((str(c), str(p), w))
        df = pd.DataFrame(rows, columns=["city", "program", "weight"])
        return from_pandas(df, weight="weight", name=name)
    for u, v, w in G.edges(data=weight, default=1.0):
        rows.append((str(u), str(v), w))
    df = pd.DataFrame(rows, columns=["source", "target", "weight"])
    return from_edges(df, weight="weight", name=name)
