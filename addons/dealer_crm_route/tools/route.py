"""Order a salesperson's visits into a short route and plan it over the day.

Points are ``(latitude, longitude)`` tuples in degrees (WGS-84) and distances
are great-circle distances in metres, which is close enough to the road
distance for ordering visits within a city. Paths are open: they leave from
``start`` and end at the last stop, without coming back.

Orders are lists of indexes into the list of points. The distance matrix puts
``start`` at index 0 and ``points[i]`` at index ``i + 1``; the local searches
work on such node numbers internally, with node 0 fixed first.
"""
from odoo.addons.dealer_crm_field.tools.geo import haversine_m

# Improvements smaller than this (in metres) are ignored: they are rounding
# noise, and accepting them could make the local search cycle.
EPSILON_M = 1e-7
# Longest chain of consecutive stops that an or-opt move relocates.
OR_OPT_SEGMENT = 3
# two_opt also searches from the greedy paths that begin with each ordered
# pair of stops on up to PAIR_STARTS_STOPS stops, with each stop on up to
# SINGLE_STARTS_STOPS stops.
PAIR_STARTS_STOPS = 8
SINGLE_STARTS_STOPS = 15


def distance_matrix(start, points):
    """Distances in metres between ``start`` (index 0) and ``points`` (index ``i + 1``)."""
    nodes = [tuple(start)] + [tuple(point) for point in points]
    size = len(nodes)
    matrix = [[0.0] * size for _node in nodes]
    for i in range(size):
        latitude_i, longitude_i = nodes[i]
        row_i = matrix[i]
        for j in range(i + 1, size):
            distance = haversine_m(latitude_i, longitude_i, nodes[j][0], nodes[j][1])
            row_i[j] = matrix[j][i] = distance
    return matrix


def path_length(matrix, order):
    """Length in metres of the open path from the start through ``order``."""
    length = 0.0
    previous = 0
    for index in order:
        length += matrix[previous][index + 1]
        previous = index + 1
    return length


def nearest_neighbour(matrix):
    """Greedy order: from the start, always on to the closest stop not yet visited
    (the lowest index on a tie)."""
    return _greedy_order(matrix, list(range(1, len(matrix))), [], 0)


def _greedy_order(matrix, unvisited, order, current):
    """Extend ``order`` (ending at node ``current``) greedily through the
    nodes of ``unvisited``, which is consumed."""
    while unvisited:
        row = matrix[current]
        current = min(unvisited, key=row.__getitem__)
        unvisited.remove(current)
        order.append(current - 1)
    return order


def _two_opt_sweeps(matrix, tour):
    """Apply improving 2-opt moves to ``tour`` in place until there is none.

    A move reverses ``tour[i..j]``: edges (a=tour[i-1], b=tour[i]) and
    (c=tour[j], d=tour[j+1]) become (a, c) and (b, d). When ``j`` is the last
    position there is no ``d``: the tail is reversed and only (a, b) becomes
    (a, c). Returns whether anything changed.
    """
    last = len(tour) - 1
    changed = False
    improved = True
    while improved:
        improved = False
        for i in range(1, last):
            row_a = matrix[tour[i - 1]]
            b = tour[i]
            row_b = matrix[b]
            ab = row_a[b]
            for j in range(i + 1, last + 1):
                c = tour[j]
                if j < last:
                    d = tour[j + 1]
                    gain = ab + matrix[c][d] - row_a[c] - row_b[d]
                else:
                    gain = ab - row_a[c]
                if gain > EPSILON_M:
                    tour[i:j + 1] = tour[i:j + 1][::-1]
                    b = c
                    row_b = matrix[b]
                    ab = row_a[b]
                    improved = changed = True
    return changed


def _or_opt_sweeps(matrix, tour):
    """Apply improving or-opt moves to ``tour`` in place until there is none.

    A move takes a chain of 1 to ``OR_OPT_SEGMENT`` consecutive stops out of
    the path and puts it back, in either direction, between two other
    consecutive nodes or at the end. Returns whether anything changed.
    """
    last = len(tour) - 1
    changed = False
    improved = True
    while improved:
        improved = False
        for length in range(1, min(OR_OPT_SEGMENT, last) + 1):
            for i in range(1, last - length + 2):
                end = i + length - 1
                first, final = tour[i], tour[end]
                row_first, row_final = matrix[first], matrix[final]
                before = tour[i - 1]
                if end < last:
                    after = tour[end + 1]
                    removal_gain = matrix[before][first] + row_final[after] - matrix[before][after]
                else:
                    removal_gain = matrix[before][first]
                best_gain, best_k, best_reversed = EPSILON_M, None, False
                for k in range(0, last + 1):
                    if i - 1 <= k <= end:
                        continue
                    x = tour[k]
                    if k < last:
                        y = tour[k + 1]
                        xy = matrix[x][y]
                        forward = row_first[x] + row_final[y] - xy
                        backward = row_final[x] + row_first[y] - xy
                    else:
                        forward = row_first[x]
                        backward = row_final[x]
                    if removal_gain - forward > best_gain:
                        best_gain, best_k, best_reversed = removal_gain - forward, k, False
                    if removal_gain - backward > best_gain:
                        best_gain, best_k, best_reversed = removal_gain - backward, k, True
                if best_k is None:
                    continue
                segment = tour[i:end + 1]
                if best_reversed:
                    segment.reverse()
                del tour[i:end + 1]
                position = best_k + 1 if best_k < i else best_k + 1 - length
                tour[position:position] = segment
                improved = changed = True
    return changed


def _local_search(matrix, order):
    """``order`` after 2-opt and or-opt moves until neither improves it."""
    tour = [0] + [index + 1 for index in order]
    if len(tour) > 3:
        _two_opt_sweeps(matrix, tour)
        while _or_opt_sweeps(matrix, tour) and _two_opt_sweeps(matrix, tour):
            pass
    return [node - 1 for node in tour[1:]]


def _starts(size):
    """The beginnings (lists of nodes) of the greedy paths two_opt also searches from."""
    nodes = range(1, size + 1)
    if size <= PAIR_STARTS_STOPS:
        return [[first, second] for first in nodes for second in nodes if second != first]
    if size <= SINGLE_STARTS_STOPS:
        return [[first] for first in nodes]
    return []


def two_opt(matrix, order):
    """Improve ``order`` by local search, the start staying first.

    2-opt (reversing any part of the path, the tail included) alternates with
    or-opt (moving a chain of up to three stops elsewhere, possibly reversed)
    until neither finds an improving move; or-opt catches moves that plain
    2-opt misses on an open path. Both can still stop in a local optimum a few
    percent longer than the best path, so on small instances the search is
    also run from several other greedy paths (see ``_starts``: 56 at most,
    a few milliseconds) and the shortest result is kept.

    The result is never longer than ``order``: every move applied shortens the
    path, and another start's result is only kept when shorter.
    """
    best = _local_search(matrix, order)
    best_length = path_length(matrix, best)
    size = len(order)
    for beginning in _starts(size):
        others = [node for node in range(1, size + 1) if node not in beginning]
        initial = _greedy_order(matrix, others, [node - 1 for node in beginning], beginning[-1])
        candidate = _local_search(matrix, initial)
        candidate_length = path_length(matrix, candidate)
        if candidate_length < best_length - EPSILON_M:
            best, best_length = candidate, candidate_length
    return best


def plan_day(start, stops, events=(), day_start=540, visit_minutes=45, speed_kmh=25.0):
    """Plan a day of visits from ``start``.

    :param start: ``(latitude, longitude)`` where the day begins
    :param stops: ``(key, latitude, longitude)`` of the visits that may happen
        at any time; they are all planned, in nearest neighbour order improved
        by :func:`two_opt`
    :param events: ``(key, latitude, longitude, minute)`` of the visits fixed
        at ``minute`` (minutes after midnight), which they keep
    :param day_start: minute at which the salesperson leaves ``start``
    :param visit_minutes: time spent at each stop and event
    :param speed_kmh: average travel speed
    :return: one dict per stop and event in route order: ``key``, ``minute``
        (planned arrival, an int; an event's own minute), ``distance_m`` (from
        the previous stop, or from ``start``) and ``fixed`` (True for events)

    The route is walked from ``day_start``. Each event, in time order, comes
    just before the first free stop that could not be visited while still
    reaching the event on time (arrival there, the visit and the way on to the
    event ending after the event's minute), after the last stop when they all
    fit, first when the day starts too late for it. The walk resumes from the
    event at its minute plus ``visit_minutes``. An event that cannot be
    reached on time even directly keeps its minute: the plan never moves it.
    """
    metres_per_minute = speed_kmh * 1000.0 / 60.0
    matrix = distance_matrix(start, [(latitude, longitude) for _key, latitude, longitude in stops])
    order = two_opt(matrix, nearest_neighbour(matrix))
    # Latest first: pop() gives the next event (the first given on a tie).
    pending = sorted(events, key=lambda event: event[3])[::-1]
    plan = []
    latitude, longitude = start
    clock = float(day_start)

    def add_event():
        nonlocal latitude, longitude, clock
        key, event_latitude, event_longitude, minute = pending.pop()
        plan.append({
            "key": key,
            "minute": minute,
            "distance_m": haversine_m(latitude, longitude, event_latitude, event_longitude),
            "fixed": True,
        })
        latitude, longitude = event_latitude, event_longitude
        clock = minute + visit_minutes

    for index in order:
        key, stop_latitude, stop_longitude = stops[index]
        while pending:
            _event_key, event_latitude, event_longitude, minute = pending[-1]
            arrival = clock + haversine_m(latitude, longitude, stop_latitude, stop_longitude) / metres_per_minute
            onwards = haversine_m(stop_latitude, stop_longitude, event_latitude, event_longitude) / metres_per_minute
            if arrival + visit_minutes + onwards <= minute:
                break
            add_event()
        distance = haversine_m(latitude, longitude, stop_latitude, stop_longitude)
        clock += distance / metres_per_minute
        plan.append({"key": key, "minute": round(clock), "distance_m": distance, "fixed": False})
        clock += visit_minutes
        latitude, longitude = stop_latitude, stop_longitude
    while pending:
        add_event()
    return plan
