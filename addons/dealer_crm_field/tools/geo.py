"""Distances on the Earth's surface."""
import math

EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)


def haversine_m(latitude_a, longitude_a, latitude_b, longitude_b):
    """Great-circle distance in metres between two points in degrees."""
    phi_a, phi_b = math.radians(latitude_a), math.radians(latitude_b)
    delta_phi = phi_b - phi_a
    delta_lambda = math.radians(longitude_b - longitude_a)
    a = math.sin(delta_phi / 2) ** 2 + math.cos(phi_a) * math.cos(phi_b) * math.sin(delta_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, a)))


def bearing_deg(latitude_a, longitude_a, latitude_b, longitude_b):
    """Initial bearing from a to b, in degrees clockwise from north (0 to 360)."""
    phi_a, phi_b = math.radians(latitude_a), math.radians(latitude_b)
    delta_lambda = math.radians(longitude_b - longitude_a)
    y = math.sin(delta_lambda) * math.cos(phi_b)
    x = math.cos(phi_a) * math.sin(phi_b) - math.sin(phi_a) * math.cos(phi_b) * math.cos(delta_lambda)
    return math.degrees(math.atan2(y, x)) % 360
