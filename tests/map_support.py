"""The communes as the browser's Vega reads them from the map's spec: its TopoJSON decoded as the TopoJSON format
says (whole numbers, each from the one before, times the scale plus the translation), each commune's row lifted
out of its properties as the spec's calculate transform does."""


def map_features(spec: dict) -> list[dict]:
    topology = spec["data"]["values"]
    assert topology["type"] == "Topology" and spec["data"]["format"]["type"] == "topojson"
    (name,) = topology["objects"]
    assert spec["data"]["format"]["feature"] == name
    lifted = [step["as"] for step in spec["transform"]]
    assert spec["transform"] == [{"calculate": f"datum.properties.{field}", "as": field} for field in lifted]
    scale, shift = topology["transform"]["scale"], topology["transform"]["translate"]

    def arc(index: int) -> list[list[float]]:
        points, x, y = [], 0, 0
        for dx, dy in topology["arcs"][index if index >= 0 else ~index]:
            x, y = x + dx, y + dy
            points.append([round(x * scale[0] + shift[0], 5), round(y * scale[1] + shift[1], 5)])
        return points if index >= 0 else points[::-1]

    def ring(indexes: list[int]) -> list[list[float]]:
        points = []
        for i, index in enumerate(indexes):  # arcs joined: each after the first drops its shared first point
            points += arc(index)[1 if i else 0:]
        return points

    features = []
    for geometry in topology["objects"][name]["geometries"]:
        if geometry["type"] == "Polygon":
            coordinates = [ring(r) for r in geometry["arcs"]]
        else:
            coordinates = [[ring(r) for r in polygon] for polygon in geometry["arcs"]]
        row = {field: geometry["properties"][field] for field in lifted}
        features.append({"type": "Feature", "geometry": {"type": geometry["type"], "coordinates": coordinates}, **row})
    return features
