#!/usr/bin/python3
"""Reference scores for wuffie's scoring policy, computed from its specification.

Requires Debian's python3-networkx, python3-scipy and python3-numpy (python3-igraph is
not needed here): `apt-get install -y python3-networkx python3-scipy`, and run with
/usr/bin/python3 (a pyenv python on PATH does not see the Debian packages).

    /usr/bin/python3 tools/reference_policy.py CASE.json -o EXPECTED.json

This is an independent implementation of the rules that ScoringPolicy's javadoc and the
README's "The math, in short" state, written from those texts, not from the Java code:

1. Live events at or before asOf (default: the latest event) count.
2. An event weighs its kind's weight (fixed, or scale * (value - neutral) for a rated
   kind), times its decay factor 2^(-age / halfLife). An endorsement of a contribution
   is credited to its authors by share (shares normalised to sum 1); endorsing oneself
   never counts.
3. Per ordered pair (u, v): the positive weights are summed, undecayed (P_uv) and
   decayed (p_uv); the pair weighs w_uv = f(p_uv) for the saturation f (linear x,
   log log2(1 + x), sqrt). Negative weights likewise, as positive amounts: delta_uv =
   f(decayed sum), and Delta_u = sum_v f(undecayed sum).
4. W_u = sum_v f(P_uv): what u gave as if nothing had decayed. Its teleport weight is
   T_u = W_u - sum_v w_uv.
5. Reciprocal weight r: when w_uv > 0 and w_vu > 0, both are multiplied by r; what is
   taken goes to the endorser's teleport weight (W_u is unchanged).
6. Influence cap c: no endorser's flow d s_u w_uv / W_u may exceed c * s_v. The capped
   fixed point is the pair (s, w') with w'_uv = min(w_uv, c s_v W_u / (d s_u)) and s the
   scores of w' (what is taken going to teleport weights again). This script finds it by
   plain fixed-point iteration to 1e-15 and checks the complementarity conditions.
7. Trust scores solve
       s_v = (1 - d) p_v + d sum_u s_u w_uv / W_u + d p_v sum_u s_u r_u
   with r_u = T_u / W_u (1 for a dangling u, W_u = 0) and p the teleport distribution
   (uniform or the normalised seeds).
8. Distrust after convergence: t_v = max(0, s_v - sum_u strength s_u delta_uv /
   (W_u + Delta_u)); scores = t / sum(t) (the trust scores if sum(t) == 0).

How teleport weights map onto a standard PageRank. With G = M + p r^T, where M_vu =
w_uv / W_u, every column of G sums to (W_u - T_u) / W_u + T_u / W_u = 1, and equation 7
is s = (1 - d) p + d G s: the PageRank of the stochastic matrix G with personalization p.
G is the transition matrix of the graph in which each u with T_u > 0 gets, besides its
edges, an edge u -> x of weight T_u p_x to every x (a self-loop for x = u), added to any
edge u -> x it has: u's out-weight is then W_u and a walker at u goes to x with
probability (w_ux + T_u p_x) / W_u. networkx.pagerank(alpha=d, personalization=p,
weight="weight") of that expanded graph is therefore the trust score vector; dangling
nodes are left dangling (networkx sends their mass through p, as equation 7 does).

The same equation is also solved directly: with A = I - d M (sparse LU, scipy) and
x = A^-1 p, s = x ((1 - d) + d c) where c = r.s = (1 - d) r.x / (1 - d r.x)
(Sherman-Morrison for the rank-one part d p r^T). The values written are those of
the direct solve (exact to rounding); networkx's are compared with them and the
largest difference is written as "networkxMaxAbsDiff" (the expansion is skipped when
it would exceed 5,000,000 edges).

Case file (JSON):
  {"contributors": ["id", ...],                       optional, extra contributors
   "contributions": [{"id": "c", "time": "ISO", "authors": {"a": share, ...}}],
   "events": [{"endorser": "u", "target": "v" | "contribution": "c",
               "kind": "upvote", "value": 3 (rated kinds only), "time": "ISO"}],
   "ratings": {"file": "datasets/x.csv.gz", "first": N, "kind": "trust",
               "positiveOnly": false},
                   optional: the first N lines rater,rated,rating,unix-seconds of a file,
                   as rated events (time = round(seconds * 1000) ms); with positiveOnly,
                   a rating <= 0 only registers its two contributors
   "sybil": {"attacker": "attacker", "fakes": k, "honest": ["id", ...], "kind": "endorse",
             "time": "ISO"},
                   optional: the fake region of wuffie-examples' SybilAttack
   "stackexchange": {"posts": "datasets/x-Posts.xml.gz"},
                   optional: the ledger, asOf and seeds of wuffie-examples' CommunitySite
   "report": ["prefix", ...],   optional: write scores and ranks only for these ids
   "policy": {"clearKinds": false, "kinds": {"name": weight | {"neutral": x, "scale": y}},
              "saturation": "log" | "linear" | "sqrt", "halfLifeDays": 365,
              "asOf": "ISO", "seeds": {"id": weight}, "distrustStrength": 1,
              "influenceCap": 1, "reciprocalWeight": 1, "damping": 0.85},
   "explain": ["id", ...] | "all"}
Unset policy fields take the documented defaults (kinds: ScoringPolicy.DEFAULT_KINDS).

Output (JSON): scores and trust scores by id, the compiled weights (W_u, T_u, w'_uv;
small cases only), and for each explained id its terms: teleport, returned, endorsers
(amount and parts by kind and contribution), distrusters, floor; every amount divided
by the normaliser sum(t), as wuffie's Explanation states them.
"""
import argparse
import calendar
import datetime
import gzip
import json
import math
import sys

import networkx as nx
import numpy as np
import scipy
import scipy.sparse
import scipy.sparse.linalg

DEFAULT_KINDS = {
    "upvote": 1.0, "accepted": 3.0, "approve": 2.0, "thanks": 1.0, "follow": 0.5,
    "vouch": 2.0, "downvote": -1.0, "flag": -2.0, "trust": {"neutral": 0.0, "scale": 1.0},
}
SATURATIONS = {
    "linear": lambda x: x,
    "log": lambda x: math.log2(1.0 + x),
    "sqrt": math.sqrt,
}
MAX_EXPANSION_EDGES = 5_000_000
CAP_TOLERANCE = 1e-15


def millis(iso):
    """Milliseconds since 1970 of an ISO-8601 instant (UTC, 'Z'), exactly."""
    t = datetime.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    if t.tzinfo is None:  # Stack Exchange dumps: UTC without a zone
        t = t.replace(tzinfo=datetime.timezone.utc)
    t = t.astimezone(datetime.timezone.utc)
    return calendar.timegm(t.timetuple()) * 1000 + t.microsecond // 1000


def read_case(path):
    with open(path, encoding="utf-8") as f:
        case = json.load(f)
    contributors = list(case.get("contributors", []))
    contributions = {}
    for c in case.get("contributions", []):
        total = sum(c["authors"].values())
        contributions[c["id"]] = {a: s / total for a, s in c["authors"].items()}
        contributors.extend(c["authors"])
    events = []
    for e in case.get("events", []):
        events.append((e["endorser"], e.get("target"), e.get("contribution"), e["kind"],
                       e.get("value"), millis(e["time"])))
    ratings = case.get("ratings")
    if ratings:
        with gzip.open(ratings["file"], "rt", encoding="utf-8") as f:
            for k, line in enumerate(f):
                if k >= ratings["first"]:
                    break
                u, v, value, seconds = line.strip().split(",")
                time = math.floor(float(seconds) * 1000 + 0.5)
                if ratings.get("positiveOnly") and not float(value) > 0:
                    contributors.extend((u, v))
                    continue
                events.append((u, v, None, ratings["kind"], float(value), time))
    site = case.get("stackexchange")
    if site:
        stack_exchange(site, case, contributors, contributions, events)
    sybil = case.get("sybil")
    if sybil:
        events.extend(sybil_events(sybil))
    for u, v, _, _, _, _ in events:
        contributors.append(u)
        if v is not None:
            contributors.append(v)
    return case, sorted(set(contributors)), contributions, events


def stack_exchange(site, case, contributors, contributions, events):
    """wuffie-examples' CommunitySite: the post owners are the contributors; each answer is a
    contribution of its owner, endorsed by the asker ("answer") and again if accepted
    ("accepted"), at the answer's time; asOf is the latest post; the seeds are each owner's
    positive post scores, decayed with the policy's half-life to asOf."""
    import xml.etree.ElementTree as ET
    posts = {}
    with gzip.open(site["posts"], "rb") as f:
        for _, row in ET.iterparse(f):
            if row.tag == "row":
                posts[row.get("Id")] = dict(row.attrib)
                row.clear()
    as_of = max(millis(p["CreationDate"]) for p in posts.values())
    contributors.extend(p["OwnerUserId"] for p in posts.values() if "OwnerUserId" in p)
    for a in posts.values():
        q = posts.get(a.get("ParentId"))
        if a["PostTypeId"] != "2" or "OwnerUserId" not in a or q is None \
                or "OwnerUserId" not in q:
            continue
        answer, time = "answer-" + a["Id"], millis(a["CreationDate"])
        contributions[answer] = {a["OwnerUserId"]: 1.0}
        events.append((q["OwnerUserId"], None, answer, "answer", None, time))
        if q.get("AcceptedAnswerId") == a["Id"]:
            events.append((q["OwnerUserId"], None, answer, "accepted", None, time))
    half_life = case["policy"]["halfLifeDays"] * 86_400_000
    prior = {}
    for p in posts.values():
        if int(p.get("Score", "0")) > 0 and "OwnerUserId" in p:
            factor = 2.0 ** (-(as_of - millis(p["CreationDate"])) / half_life)
            prior[p["OwnerUserId"]] = prior.get(p["OwnerUserId"], 0.0) + int(p["Score"]) * factor
    case["policy"]["asOfMillis"] = as_of
    case["policy"]["seeds"] = prior


def sybil_events(sybil):
    """The sybil region of wuffie-examples' SybilAttack: k fakes that endorse each other (1)
    and the attacker (10), who endorses them back (10); the honest ids endorse the attacker."""
    time, kind, attacker = millis(sybil["time"]), sybil["kind"], sybil["attacker"]
    k = sybil["fakes"]
    events = [(h, attacker, None, kind, 10.0, time) for h in sybil["honest"]]
    for j in range(1, k + 1):
        events.append((attacker, f"fake-{j}", None, kind, 10.0, time))
        events.append((f"fake-{j}", attacker, None, kind, 10.0, time))
        events.extend((f"fake-{j}", f"fake-{i}", None, kind, 1.0, time)
                      for i in range(1, k + 1) if i != j)
    return events


def kind_weight(kinds, kind, value):
    k = kinds[kind]
    if isinstance(k, dict):
        assert value is not None, f"rated kind {kind} needs a value"
        return k["scale"] * (value - k["neutral"])
    assert value is None, f"kind {kind} is not rated"
    return float(k)


def compile_policy(case, ids, contributions, events):
    """The weights of steps 1-5: trust w, out-weights W, teleport weights T, distrust."""
    policy = case.get("policy", {})
    kinds = {} if policy.get("clearKinds") else dict(DEFAULT_KINDS)
    kinds.update(policy.get("kinds", {}))
    f = SATURATIONS[policy.get("saturation", "log")]
    half_life = policy.get("halfLifeDays")
    as_of = millis(policy["asOf"]) if "asOf" in policy else policy.get(
        "asOfMillis", max(e[5] for e in events))
    strength = policy.get("distrustStrength", 1.0)
    reciprocal = policy.get("reciprocalWeight", 1.0)

    sums = {}  # (u, v) -> [undecayed trust, decayed trust, undecayed distrust, decayed distrust]
    credits = {}  # (u, v, sign) -> {(kind, contribution): [decayed |weight| * share, count]}
    for u, target, contribution, kind, value, time in events:
        if time > as_of:
            continue
        weight = kind_weight(kinds, kind, value)
        if weight == 0 or (weight < 0 and strength == 0):
            continue
        factor = 1.0 if half_life is None else 2.0 ** (-(as_of - time) / (half_life * 86_400_000))
        shares = {target: 1.0} if contribution is None else contributions[contribution]
        for v, share in shares.items():
            if v == u:
                continue
            s = sums.setdefault((u, v), [0.0, 0.0, 0.0, 0.0])
            i = 0 if weight > 0 else 2
            s[i] += abs(weight) * share
            s[i + 1] += abs(weight) * share * factor
            part = credits.setdefault((u, v, weight > 0), {}).setdefault((kind, contribution),
                                                                          [0.0, 0])
            part[0] += abs(weight) * share * factor
            part[1] += 1

    out_weight = {u: 0.0 for u in ids}
    distrust_out = {u: 0.0 for u in ids}
    trust = {}
    distrust = {}
    for (u, v), (full, decayed, neg_full, neg_decayed) in sums.items():
        if full > 0:
            out_weight[u] += f(full)
            trust[(u, v)] = f(decayed)
        if neg_full > 0:
            distrust_out[u] += f(neg_full)
            distrust[(u, v)] = f(neg_decayed)
    if reciprocal < 1:
        trust = {(u, v): w * reciprocal if w > 0 and trust.get((v, u), 0) > 0 else w
                 for (u, v), w in trust.items()}
    teleport_weight = {u: out_weight[u] for u in ids}
    for (u, _), w in trust.items():
        teleport_weight[u] -= w
    return {
        "as_of": as_of, "f": f, "strength": strength, "trust": trust, "W": out_weight,
        "T": teleport_weight, "distrust": distrust, "Delta": distrust_out, "credits": credits,
    }


def teleport_vector(case, ids):
    seeds = case.get("policy", {}).get("seeds")
    if not seeds:
        return np.full(len(ids), 1.0 / len(ids))
    p = np.array([float(seeds.get(i, 0.0)) for i in ids])
    return p / p.sum()


def release(ids, W, T):
    """r_u = T_u / W_u, 1 for a dangling u."""
    return np.array([1.0 if W[u] == 0 else T[u] / W[u] for u in ids])


def solve_direct(ids, index, trust, W, T, p, d):
    n = len(ids)
    rows, cols, vals = [], [], []
    for (u, v), w in trust.items():
        if w > 0:
            rows.append(index[v])
            cols.append(index[u])
            vals.append(w / W[u])
    M = scipy.sparse.csc_matrix((vals, (rows, cols)), shape=(n, n))
    A = (scipy.sparse.identity(n, format="csc") - d * M).tocsc()
    x = scipy.sparse.linalg.splu(A).solve(p)
    r = release(ids, W, T)
    rx = float(r @ x)
    c = (1 - d) * rx / (1 - d * rx)
    return x * ((1 - d) + d * c)


def solve_networkx(ids, trust, W, T, p, d):
    """networkx.pagerank of the expanded graph (see the module docstring), or None."""
    teleporting = [u for u in ids if W[u] > 0 and T[u] > 0]
    targets = [(x, p[k]) for k, x in enumerate(ids) if p[k] > 0]
    if len(teleporting) * len(targets) > MAX_EXPANSION_EDGES:
        return None
    g = nx.DiGraph()
    g.add_nodes_from(ids)
    for (u, v), w in trust.items():
        if w > 0:
            g.add_edge(u, v, weight=w)
    for u in teleporting:
        for x, px in targets:
            if g.has_edge(u, x):
                g[u][x]["weight"] += T[u] * px
            else:
                g.add_edge(u, x, weight=T[u] * px)
    personalization = {x: px for x, px in targets}
    scores = nx.pagerank(g, alpha=d, personalization=personalization, weight="weight",
                         tol=1e-15, max_iter=100_000)
    return np.array([scores[u] for u in ids])


def influence_cap(ids, index, compiled, p, d, cap):
    """The capped fixed point (step 6): returns the capped trust weights and the rounds."""
    base = compiled["trust"]
    W = compiled["W"]
    capped = dict(base)
    for rounds in range(1, 10_000):
        T = teleports(ids, W, compiled["T"], base, capped)
        s = solve_direct(ids, index, capped, W, T, p, d)
        new = {}
        for (u, v), w in base.items():
            su = s[index[u]]
            limit = cap * s[index[v]] * W[u] / (d * su) if su > 0 else math.inf
            new[(u, v)] = min(w, limit)
        change = max(abs(new[k] - capped[k]) / W[k[0]] for k in base) if base else 0.0
        capped = new
        if change < CAP_TOLERANCE:
            return capped, rounds
    raise SystemExit("the influence cap's fixed-point iteration did not converge")


def teleports(ids, W, T, base, capped):
    T = dict(T)
    for k, w in base.items():
        T[k[0]] += w - capped[k]
    return T


def score(case, ids, compiled):
    policy = case.get("policy", {})
    d = policy.get("damping", 0.85)
    cap = policy.get("influenceCap", 1.0)
    index = {u: k for k, u in enumerate(ids)}
    p = teleport_vector(case, ids)
    W = compiled["W"]
    trust = compiled["trust"]
    rounds = 0
    if cap < 1:
        trust, rounds = influence_cap(ids, index, compiled, p, d, cap)
    T = teleports(ids, W, compiled["T"], compiled["trust"], trust)
    s = solve_direct(ids, index, trust, W, T, p, d)
    s_nx = solve_networkx(ids, trust, W, T, p, d)
    check = {"networkxMaxAbsDiff": None if s_nx is None else float(np.max(np.abs(s - s_nx)))}
    if cap < 1:
        check["capRounds"] = rounds
        worst_over, worst_slack = 0.0, 0.0
        for (u, v), w in trust.items():
            flow = d * s[index[u]] * w / W[u]
            limit = cap * s[index[v]]
            worst_over = max(worst_over, flow - limit)
            if w < compiled["trust"][(u, v)]:  # lowered: the cap binds
                worst_slack = max(worst_slack, abs(flow - limit))
        check["capMaxOver"] = worst_over
        check["capMaxSlackOfLowered"] = worst_slack
        check["cappedEdges"] = sum(1 for k, w in trust.items() if w < compiled["trust"][k])

    strength = compiled["strength"]
    discount = np.zeros(len(ids))
    for (u, v), delta in compiled["distrust"].items():
        discount[index[v]] += strength * s[index[u]] * delta / (W[u] + compiled["Delta"][u])
    t = np.maximum(0.0, s - discount) if strength > 0 else s.copy()
    normaliser = float(math.fsum(t))
    discounted = normaliser > 0 and strength > 0 and bool(compiled["distrust"])
    if discounted:
        final = t / normaliser
    else:
        final, normaliser, discount = s, 1.0, np.zeros(len(ids))
    r = release(ids, W, T)
    returned = float(math.fsum(s * r))
    return {
        "d": d, "p": p, "index": index, "trust_weights": trust, "T": T, "s": s,
        "discount": discount, "normaliser": normaliser, "final": final, "discounted": discounted,
        "returned": returned, "check": check,
    }


def explain(v, compiled, result):
    index, s, d, N = result["index"], result["s"], result["d"], result["normaliser"]
    W, k = compiled["W"], index[v]

    def parts(u, v, sign, amount):
        raw = compiled["credits"].get((u, v, sign), {})
        total = sum(x[0] for x in raw.values())
        out = [{"kind": kind, "contribution": c, "endorsements": x[1],
                "amount": amount * x[0] / total} for (kind, c), x in raw.items()]
        return sorted(out, key=lambda q: (-q["amount"], q["kind"], q["contribution"] or ""))

    endorsers = []
    for (u, w), weight in result["trust_weights"].items():
        if w == v and weight > 0:
            amount = d * s[index[u]] * weight / W[u] / N
            endorsers.append({"endorser": u, "amount": amount,
                              "parts": parts(u, v, True, amount)})
    distrusters = []
    if result["discounted"]:
        for (u, w), delta in compiled["distrust"].items():
            if w == v:
                amount = (compiled["strength"] * s[index[u]] * delta
                          / (W[u] + compiled["Delta"][u]) / N)
                distrusters.append({"endorser": u, "amount": amount,
                                    "parts": parts(u, v, False, amount)})
    by_size = lambda term: (-term["amount"], term["endorser"])
    return {
        "score": float(result["final"][k]),
        "trust": float(s[k]),
        "teleport": (1 - d) * result["p"][k] / N,
        "returned": d * result["p"][k] * result["returned"] / N,
        "endorsers": sorted(endorsers, key=by_size),
        "distrusters": sorted(distrusters, key=by_size),
        "floor": max(0.0, result["discount"][k] - s[k]) / N,
    }


def versions():
    return {"python": sys.version.split()[0], "networkx": nx.__version__,
            "numpy": np.__version__, "scipy": scipy.__version__}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("case", help="case file (JSON)")
    ap.add_argument("-o", "--output", default="-", help="output file (default stdout)")
    a = ap.parse_args(argv)
    case, ids, contributions, events = read_case(a.case)
    compiled = compile_policy(case, ids, contributions, events)
    result = score(case, ids, compiled)
    wanted = case.get("explain", [])
    if wanted == "all":
        wanted = ids
    small = len(ids) <= 50
    out = {
        "case": a.case,
        "versions": versions(),
        "contributors": len(ids),
        "asOfMillis": compiled["as_of"],
        "check": result["check"],
        "normaliser": result["normaliser"],
        "scores": {u: float(result["final"][k]) for u, k in result["index"].items()},
        "trust": {u: float(result["s"][k]) for u, k in result["index"].items()},
    }
    if small:
        out["outWeight"] = {u: compiled["W"][u] for u in ids}
        out["teleportWeight"] = {u: result["T"][u] for u in ids}
        out["weights"] = [[u, v, w] for (u, v), w in sorted(result["trust_weights"].items())]
        out["distrustWeights"] = [[u, v, w] for (u, v), w in sorted(compiled["distrust"].items())]
    prefixes = case.get("report")
    if prefixes:  # large cases: only the ids that start with one of these, with their ranks
        final = result["final"]
        order = sorted(ids, key=lambda u: (-final[result["index"][u]], u))
        rank = {u: r + 1 for r, u in enumerate(order)}
        kept = [u for u in ids if u.startswith(tuple(prefixes))]
        out["scores"] = {u: out["scores"][u] for u in kept}
        out["trust"] = {u: out["trust"][u] for u in kept}
        out["ranks"] = {u: rank[u] for u in kept}
    out["explanations"] = {v: explain(v, compiled, result) for v in wanted}
    text = json.dumps(out, indent=1, sort_keys=False) + "\n"
    if a.output == "-":
        sys.stdout.write(text)
    else:
        with open(a.output, "w", encoding="utf-8") as f:
            f.write(text)
    check = result["check"]
    print(f"{a.case}: {len(ids)} contributors, check {check}", file=sys.stderr)
    diff = check["networkxMaxAbsDiff"]
    # networkx stops when the L1 change is below n * tol (tol 1e-15): its error is a few times that
    if diff is not None and diff > max(1e-12, 10 * len(ids) * 1e-15):
        raise SystemExit(f"networkx and the direct solve differ by {diff}")


if __name__ == "__main__":
    main()
