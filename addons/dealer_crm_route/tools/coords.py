"""Conversion between WGS-84 and the GCJ-02 coordinates of Chinese maps.

Maps published in mainland China (AMap/Gaode, Tencent, WeCom's location
picker, Apple Maps in China...) use GCJ-02, a deliberately obfuscated datum:
WGS-84 shifted by a non-linear offset of a few hundred metres computed on the
Krasovsky 1940 ellipsoid. The forward formula is public; there is no closed
form for the inverse, which is therefore solved by iteration.

Every function takes and returns ``(latitude, longitude)`` in degrees. Points
outside the rectangle roughly covering China are not shifted, as the map
providers do.
"""
import math

SYSTEMS = ("wgs84", "gcj02")

# Krasovsky 1940 ellipsoid: semi-major axis and first eccentricity squared.
KRASOVSKY_A = 6378245.0
KRASOVSKY_EE = 0.00669342162296594323

INVERSE_TOLERANCE = 1e-9  # degrees
INVERSE_MAX_ITERATIONS = 30


def out_of_china(latitude, longitude):
    """Whether the point lies outside the rectangle in which GCJ-02 applies."""
    return not (72.004 <= longitude <= 137.8347 and 0.8293 <= latitude <= 55.8271)


def _shift_latitude(x, y):
    pi = math.pi
    shift = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    shift += (20.0 * math.sin(6.0 * x * pi) + 20.0 * math.sin(2.0 * x * pi)) * 2.0 / 3.0
    shift += (20.0 * math.sin(y * pi) + 40.0 * math.sin(y / 3.0 * pi)) * 2.0 / 3.0
    shift += (160.0 * math.sin(y / 12.0 * pi) + 320.0 * math.sin(y * pi / 30.0)) * 2.0 / 3.0
    return shift


def _shift_longitude(x, y):
    pi = math.pi
    shift = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    shift += (20.0 * math.sin(6.0 * x * pi) + 20.0 * math.sin(2.0 * x * pi)) * 2.0 / 3.0
    shift += (20.0 * math.sin(x * pi) + 40.0 * math.sin(x / 3.0 * pi)) * 2.0 / 3.0
    shift += (150.0 * math.sin(x / 12.0 * pi) + 300.0 * math.sin(x / 30.0 * pi)) * 2.0 / 3.0
    return shift


def _offset(latitude, longitude):
    """GCJ-02 minus WGS-84, in degrees, for a WGS-84 point."""
    x, y = longitude - 105.0, latitude - 35.0
    d_latitude = _shift_latitude(x, y)
    d_longitude = _shift_longitude(x, y)
    rad_latitude = math.radians(latitude)
    magic = 1.0 - KRASOVSKY_EE * math.sin(rad_latitude) ** 2
    sqrt_magic = math.sqrt(magic)
    d_latitude = (d_latitude * 180.0) / ((KRASOVSKY_A * (1.0 - KRASOVSKY_EE)) / (magic * sqrt_magic) * math.pi)
    d_longitude = (d_longitude * 180.0) / (KRASOVSKY_A / sqrt_magic * math.cos(rad_latitude) * math.pi)
    return d_latitude, d_longitude


def wgs84_to_gcj02(latitude, longitude):
    """The GCJ-02 coordinates of a WGS-84 point."""
    if out_of_china(latitude, longitude):
        return latitude, longitude
    d_latitude, d_longitude = _offset(latitude, longitude)
    return latitude + d_latitude, longitude + d_longitude


def gcj02_to_wgs84(latitude, longitude):
    """The WGS-84 point whose GCJ-02 coordinates are the ones given.

    Starts from the usual approximation (the GCJ-02 point minus the offset
    computed there, off by up to a few metres) and corrects the estimate by
    the residual of the forward conversion until it maps to the given point
    within ``INVERSE_TOLERANCE``. The offset varies slowly, so this fixed
    point iteration converges in a handful of steps.
    """
    if out_of_china(latitude, longitude):
        return latitude, longitude
    d_latitude, d_longitude = _offset(latitude, longitude)
    wgs_latitude, wgs_longitude = latitude - d_latitude, longitude - d_longitude
    for _iteration in range(INVERSE_MAX_ITERATIONS):
        gcj_latitude, gcj_longitude = wgs84_to_gcj02(wgs_latitude, wgs_longitude)
        error_latitude, error_longitude = gcj_latitude - latitude, gcj_longitude - longitude
        if abs(error_latitude) < INVERSE_TOLERANCE and abs(error_longitude) < INVERSE_TOLERANCE:
            break
        wgs_latitude -= error_latitude
        wgs_longitude -= error_longitude
    return wgs_latitude, wgs_longitude


def to_wgs84(system, latitude, longitude):
    """The WGS-84 coordinates of a point given in ``system`` (one of ``SYSTEMS``)."""
    if system == "wgs84":
        return latitude, longitude
    if system == "gcj02":
        return gcj02_to_wgs84(latitude, longitude)
    raise ValueError(f"Unknown coordinate system {system!r}, expected one of {', '.join(SYSTEMS)}")
