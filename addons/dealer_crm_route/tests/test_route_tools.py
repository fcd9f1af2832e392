"""The pure route tools: GCJ-02 conversion and the ordering of a day's visits.

WGS-84 → GCJ-02 reference points, as published (latitude, longitude):

* googollee/eviltransform, ``python/test.py`` (the same values are in its
  ``go/transform_test.go`` and ``javascript/test.js``), https://github.com/googollee/eviltransform
  Shanghai (31.1774276, 121.5272106) → (31.17530398364597, 121.531541859215)
  Shenzhen (22.543847, 113.912316) → (22.540796131694766, 113.9171764808363)
  Beijing (39.911954, 116.377817) → (39.91334545536069, 116.38404722455657)
* wandergis/coordtransform, ``README.md`` (example output of
  ``wgs84togcj02(116.404, 39.915)``, longitude first there), https://github.com/wandergis/coordtransform
  Beijing (39.915, 116.404) → (39.91640428150164, 116.41024449916938)
"""
import itertools
import random

from odoo.tests import BaseCase, tagged

from odoo.addons.dealer_crm_field.tools.geo import haversine_m
from odoo.addons.dealer_crm_route.tools import coords, route

# (WGS-84 latitude, longitude, GCJ-02 latitude, longitude)
GCJ02_REFERENCES = [
    (31.1774276, 121.5272106, 31.17530398364597, 121.531541859215),
    (22.543847, 113.912316, 22.540796131694766, 113.9171764808363),
    (39.911954, 116.377817, 39.91334545536069, 116.38404722455657),
    (39.915, 116.404, 39.91640428150164, 116.41024449916938),
]

# People's Square, Shanghai.
SHANGHAI = (31.2304, 121.4737)


def _shanghai_instance(seed, size, spread=0.15):
    """A start and ``size`` points within ``spread`` degrees of People's Square."""
    rng = random.Random(seed)

    def point():
        return (SHANGHAI[0] + rng.uniform(-spread, spread), SHANGHAI[1] + rng.uniform(-spread, spread))

    start = point()
    return start, [point() for _index in range(size)]


@tagged("post_install", "-at_install")
class TestRouteTools(BaseCase):

    # ------------------------------------------------------------------
    # GCJ-02
    # ------------------------------------------------------------------

    def test_gcj02_reference_points(self):
        for wgs_latitude, wgs_longitude, gcj_latitude, gcj_longitude in GCJ02_REFERENCES:
            latitude, longitude = coords.wgs84_to_gcj02(wgs_latitude, wgs_longitude)
            self.assertAlmostEqual(latitude, gcj_latitude, delta=1e-6)
            self.assertAlmostEqual(longitude, gcj_longitude, delta=1e-6)
            latitude, longitude = coords.gcj02_to_wgs84(gcj_latitude, gcj_longitude)
            self.assertAlmostEqual(latitude, wgs_latitude, delta=1e-7)
            self.assertAlmostEqual(longitude, wgs_longitude, delta=1e-7)

    def test_gcj02_round_trip(self):
        for latitude in range(19, 54, 3):
            for longitude in range(74, 136, 4):
                point = (latitude + 0.37, longitude + 0.61)
                gcj = coords.wgs84_to_gcj02(*point)
                self.assertGreater(max(abs(gcj[0] - point[0]), abs(gcj[1] - point[1])), 1e-4, point)
                back = coords.gcj02_to_wgs84(*gcj)
                self.assertAlmostEqual(back[0], point[0], delta=1e-7, msg=point)
                self.assertAlmostEqual(back[1], point[1], delta=1e-7, msg=point)
                # The inverse is solved, not approximated: it maps back onto
                # the GCJ-02 point as closely as the iteration is asked to.
                again = coords.wgs84_to_gcj02(*back)
                self.assertAlmostEqual(again[0], gcj[0], delta=1e-9, msg=point)
                self.assertAlmostEqual(again[1], gcj[1], delta=1e-9, msg=point)

    def test_gcj02_outside_china(self):
        # Tokyo, London, Jakarta, Sydney, New York, Moscow. Singapore and Seoul
        # are inside the rectangle of out_of_china, as in every implementation.
        for point in [(35.6762, 139.6503), (51.5074, -0.1278), (-6.2088, 106.8456), (-33.8688, 151.2093),
                      (40.7128, -74.0060), (55.7558, 37.6173)]:
            self.assertTrue(coords.out_of_china(*point), point)
            self.assertEqual(coords.wgs84_to_gcj02(*point), point)
            self.assertEqual(coords.gcj02_to_wgs84(*point), point)
            self.assertEqual(coords.to_wgs84("gcj02", *point), point)
        self.assertFalse(coords.out_of_china(*SHANGHAI))

    def test_to_wgs84(self):
        wgs_latitude, wgs_longitude, gcj_latitude, gcj_longitude = GCJ02_REFERENCES[0]
        self.assertEqual(coords.SYSTEMS, ("wgs84", "gcj02"))
        self.assertEqual(coords.to_wgs84("wgs84", gcj_latitude, gcj_longitude), (gcj_latitude, gcj_longitude))
        latitude, longitude = coords.to_wgs84("gcj02", gcj_latitude, gcj_longitude)
        self.assertAlmostEqual(latitude, wgs_latitude, delta=1e-7)
        self.assertAlmostEqual(longitude, wgs_longitude, delta=1e-7)
        for system in ("bd09", "WGS84", "", None):
            with self.assertRaises(ValueError):
                coords.to_wgs84(system, gcj_latitude, gcj_longitude)

    # ------------------------------------------------------------------
    # Route
    # ------------------------------------------------------------------

    def test_distance_matrix(self):
        start, points = _shanghai_instance(1, 4)
        matrix = route.distance_matrix(start, points)
        self.assertEqual(len(matrix), 5)
        for i, a in enumerate([start, *points]):
            self.assertEqual(matrix[i][i], 0.0)
            for j, b in enumerate([start, *points]):
                self.assertAlmostEqual(matrix[i][j], haversine_m(*a, *b), delta=1e-6)
        self.assertAlmostEqual(route.path_length(matrix, [2, 0]), matrix[0][3] + matrix[3][1], delta=1e-6)
        self.assertEqual(route.path_length(matrix, []), 0.0)

    def test_nearest_neighbour(self):
        # On a line east of the start, given out of order.
        start = SHANGHAI
        points = [(SHANGHAI[0], SHANGHAI[1] + offset) for offset in (0.03, 0.01, 0.04, 0.02)]
        self.assertEqual(route.nearest_neighbour(route.distance_matrix(start, points)), [1, 3, 0, 2])
        self.assertEqual(route.nearest_neighbour(route.distance_matrix(start, [])), [])

    def test_two_opt_never_longer(self):
        for size in (5, 6, 7, 8, 9, 10, 12, 15, 16, 20, 30, 45, 60):
            for seed in range(4):
                start, points = _shanghai_instance(seed * 1000 + size, size)
                matrix = route.distance_matrix(start, points)
                greedy = route.nearest_neighbour(matrix)
                improved = route.two_opt(matrix, greedy)
                self.assertEqual(sorted(improved), list(range(size)))
                self.assertLessEqual(route.path_length(matrix, improved), route.path_length(matrix, greedy))
                shuffled = list(range(size))
                random.Random(seed).shuffle(shuffled)
                self.assertLess(route.path_length(matrix, route.two_opt(matrix, shuffled)),
                                route.path_length(matrix, shuffled))

    def test_two_opt_optimal_small(self):
        # These seeds include instances (size 6 seed 8, size 7 seed 12, size 8
        # seed 4...) where 2-opt and or-opt from the greedy path alone stop
        # short of the optimum.
        for size in range(4, 9):
            for seed in range(16 if size < 8 else 6):
                start, points = _shanghai_instance(seed * 100 + size, size)
                matrix = route.distance_matrix(start, points)
                best = min(itertools.permutations(range(size)), key=lambda order: route.path_length(matrix, order))
                optimum = route.path_length(matrix, best)
                improved = route.two_opt(matrix, route.nearest_neighbour(matrix))
                self.assertAlmostEqual(route.path_length(matrix, improved), optimum, delta=1e-6,
                                       msg=f"size {size}, seed {seed}")
                # Already optimal: kept as good.
                self.assertAlmostEqual(route.path_length(matrix, route.two_opt(matrix, list(best))), optimum,
                                       delta=1e-6)

    def test_two_opt_local_optimum(self):
        # Beyond the sizes searched from several starts: no reversal of any
        # part of the path, the tail included, and no move of one stop
        # elsewhere shortens the result.
        for size in (16, 20, 25, 35, 60):
            for seed in range(8 if size < 60 else 2):
                start, points = _shanghai_instance(seed * 10 + size, size)
                matrix = route.distance_matrix(start, points)
                order = route.two_opt(matrix, route.nearest_neighbour(matrix))
                length = route.path_length(matrix, order) - 1e-6
                for i in range(size):
                    for j in range(i + 2, size + 1):
                        reversal = order[:i] + order[i:j][::-1] + order[j:]
                        self.assertGreaterEqual(route.path_length(matrix, reversal), length, (size, seed, i, j))
                    others = order[:i] + order[i + 1:]
                    for k in range(size):
                        moved = others[:k] + [order[i]] + others[k:]
                        self.assertGreaterEqual(route.path_length(matrix, moved), length, (size, seed, i, k))

    def test_two_opt_reverses_tail(self):
        # start, then points east at 1, 2, 3 km given as 3, 2, 1: only
        # reversing the whole order (the tail included) fixes it.
        points = [(SHANGHAI[0], SHANGHAI[1] + offset) for offset in (0.01, 0.02, 0.03)]
        matrix = route.distance_matrix(SHANGHAI, points)
        self.assertEqual(route.two_opt(matrix, [2, 1, 0]), [0, 1, 2])
        self.assertEqual(route.two_opt(matrix, []), [])
        self.assertEqual(route.two_opt(route.distance_matrix(SHANGHAI, points[:1]), [0]), [0])

    # ------------------------------------------------------------------
    # Day plan
    # ------------------------------------------------------------------

    def _check_plan(self, plan, start, stops, events, day_start, visit_minutes, speed_kmh):
        """The properties every plan has, with its timings walked again."""
        metres_per_minute = speed_kmh * 1000 / 60
        self.assertEqual(sorted(entry["key"] for entry in plan),
                         sorted([stop[0] for stop in stops] + [event[0] for event in events]))
        fixed_minutes = {event[0]: event[3] for event in events}
        locations = {stop[0]: stop[1:3] for stop in stops} | {event[0]: event[1:3] for event in events}
        self.assertEqual([entry["key"] for entry in plan if entry["fixed"]],
                         [event[0] for event in sorted(events, key=lambda event: event[3])])
        minutes = [entry["minute"] for entry in plan]
        self.assertEqual(minutes, sorted(minutes))
        position, clock = start, day_start
        for index, entry in enumerate(plan):
            location = locations[entry["key"]]
            distance = haversine_m(*position, *location)
            self.assertAlmostEqual(entry["distance_m"], distance, delta=1e-6)
            if entry["fixed"]:
                self.assertEqual(entry["minute"], fixed_minutes[entry["key"]])
                clock = entry["minute"] + visit_minutes
            else:
                self.assertIsInstance(entry["minute"], int)
                arrival = clock + distance / metres_per_minute
                self.assertEqual(entry["minute"], round(arrival))
                clock = arrival + visit_minutes
                # A free stop before an event leaves time to reach it.
                following = next((later for later in plan[index + 1:] if later["fixed"]), None)
                if following:
                    onwards = haversine_m(*location, *locations[following["key"]]) / metres_per_minute
                    self.assertLessEqual(clock + onwards, following["minute"] + 1e-9)
            position = location

    def test_plan_day(self):
        start, points = _shanghai_instance(7, 12, spread=0.05)
        stops = [(f"stop{index}", *point) for index, point in enumerate(points)]
        events = [
            ("lunch", 31.2200, 121.4500, 720),
            ("early", 31.2400, 121.4900, 480),
            ("meeting", 31.2000, 121.4300, 900),
        ]
        plan = route.plan_day(start, stops, events, day_start=540, visit_minutes=45, speed_kmh=25.0)
        self._check_plan(plan, start, stops, events, 540, 45, 25.0)
        self.assertEqual(plan[0]["key"], "early")
        self.assertEqual(plan[0]["minute"], 480)
        self.assertAlmostEqual(plan[0]["distance_m"], haversine_m(*start, 31.2400, 121.4900), delta=1e-6)
        self.assertEqual(len(plan), 15)
        # Free stops both between the events and after the last one.
        keys = [entry["key"] for entry in plan]
        self.assertLess(keys.index("early") + 1, keys.index("lunch"))
        self.assertLess(keys.index("lunch") + 1, keys.index("meeting"))
        self.assertLess(keys.index("meeting"), len(plan) - 1)

    def test_plan_day_without_events(self):
        start, points = _shanghai_instance(3, 25, spread=0.08)
        stops = [(index, *point) for index, point in enumerate(points)]
        plan = route.plan_day(start, stops, day_start=510, visit_minutes=30, speed_kmh=20.0)
        self._check_plan(plan, start, stops, [], 510, 30, 20.0)
        matrix = route.distance_matrix(start, points)
        order = route.two_opt(matrix, route.nearest_neighbour(matrix))
        self.assertEqual([entry["key"] for entry in plan], order)
        self.assertFalse(any(entry["fixed"] for entry in plan))
        self.assertAlmostEqual(plan[0]["distance_m"], haversine_m(*start, *points[order[0]]), delta=1e-6)
        self.assertEqual(plan[0]["minute"], round(510 + plan[0]["distance_m"] / (20000 / 60)))

    def test_plan_day_event_times(self):
        start = SHANGHAI
        stops = [(f"stop{index}", SHANGHAI[0], SHANGHAI[1] + 0.01 * index) for index in range(1, 5)]
        # Both after the stops, which end long before 20:00; the second one,
        # 40 km away, cannot be reached on time and keeps its minute.
        events = [("dinner", SHANGHAI[0], SHANGHAI[1], 1200), ("late", 31.6, 121.5, 1260)]
        plan = route.plan_day(start, stops, events)
        self._check_plan(plan, start, stops, events, 540, 45, 25.0)
        self.assertEqual([entry["key"] for entry in plan], ["stop1", "stop2", "stop3", "stop4", "dinner", "late"])
        # An event that cannot be reached on time even directly comes first at
        # its minute; the next one, which the first stop would make late, too.
        events = [("urgent", 31.5, 121.4737, 560), ("soon", SHANGHAI[0], SHANGHAI[1] + 0.04, 600)]
        plan = route.plan_day(start, stops, events)
        self._check_plan(plan, start, stops, events, 540, 45, 25.0)
        self.assertEqual([entry["key"] for entry in plan[:2]], ["urgent", "soon"])
        self.assertEqual([entry["minute"] for entry in plan[:2]], [560, 600])
        # Events only.
        plan = route.plan_day(start, [], events)
        self.assertEqual([(entry["key"], entry["minute"], entry["fixed"]) for entry in plan],
                         [("urgent", 560, True), ("soon", 600, True)])
        self.assertEqual(route.plan_day(start, []), [])
