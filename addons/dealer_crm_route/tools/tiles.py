"""Map tile providers: the URL template of their tiles, the attribution
they require and the coordinate system their maps are drawn in."""

TILE_PRESETS = {
    "osm": {
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "subdomains": "",
        "attribution": "© OpenStreetMap contributors",
        "system": "wgs84",
        "max_zoom": 19,
    },
    "amap": {
        "url": "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
        "subdomains": "1234",
        "attribution": "© 高德地图 AutoNavi",
        "system": "gcj02",
        "max_zoom": 18,
    },
}
CUSTOM_MAX_ZOOM = 18
URL_PLACEHOLDERS = ("{x}", "{y}", "{z}")


def valid_tile_url(url):
    """Whether ``url`` is an http(s) URL template with the x, y and z of a tile."""
    return bool(url) and url.startswith(("https://", "http://")) and all(part in url for part in URL_PLACEHOLDERS)
