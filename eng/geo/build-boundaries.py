#!/usr/bin/env python3
"""Regenerates src/BeAlert.Cap.Geo/Data/belgium-boundaries.bin from the three Belgian boundary GeoJSON files.

Usage: python3 eng/geo/build-boundaries.py [SOURCE_DIR] [OUTPUT_FILE]
  SOURCE_DIR   folder with belgium-municipalities.geojson, belgium-arrondissements.geojson and
               belgium-provinces.geojson (default: ../shared/data/geo next to the repository)
  OUTPUT_FILE  default: src/BeAlert.Cap.Geo/Data/belgium-boundaries.bin

Standard library only. The output is deterministic: the same input gives the same bytes.
The format (read by src/BeAlert.Cap.Geo/Boundaries/BoundaryDataReader.cs) is a zlib stream of:
  magic   b"BEGEO" + version byte 1
  varint  coordinate scale (10_000_000: coordinates are stored as round(degrees * scale))
  varint  unit count, then per unit, sorted by level then code:
    byte    level (0 country, 1 region, 2 province, 3 arrondissement, 4 municipality)
    varint  NIS code, varint parent NIS code (0: none), varint region NIS code (0: none)
    string  Dutch name, string French name (varint byte length + UTF-8)
    varint  population (municipalities; 0 for the others, whose population is the sum of their municipalities)
    varint  polygon count; per polygon: varint ring count (shell first); per ring: varint point count (the
            closing point is not stored), then per point zigzag varint deltas of longitude and latitude from the
            previous point of the unit (the first delta is from 0,0).
Only municipalities carry an outline; every higher unit (arrondissement, province, region, country) has none and
is the union of its municipalities, so that the levels nest exactly.
"""
import io
import json
import os
import sys
import zlib
from collections import Counter

SCALE = 10_000_000
LEVEL_COUNTRY, LEVEL_REGION, LEVEL_PROVINCE, LEVEL_ARRONDISSEMENT, LEVEL_MUNICIPALITY = range(5)
COUNTRY = (1000, "België", "Belgique")


def varint(out, value):
    if value < 0:
        raise ValueError("negative varint")
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.write(bytes([byte | 0x80]))
        else:
            out.write(bytes([byte]))
            return


def zigzag(value):
    return (value << 1) ^ (value >> 63)


def string(out, text):
    data = text.encode("utf-8")
    varint(out, len(data))
    out.write(data)


def code(text):
    if text is None:
        return 0
    if len(text) != 5 or not text.isdigit():
        raise ValueError(f"not a 5-digit NIS code: {text!r}")
    return int(text, 10)


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    raise ValueError("unexpected geometry type " + geometry["type"])


def load(folder, name):
    with open(os.path.join(folder, name), encoding="utf-8") as f:
        return json.load(f)["features"]


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(root), "shared", "data", "geo")
    output = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "src", "BeAlert.Cap.Geo", "Data", "belgium-boundaries.bin")

    units = {}
    regions = {}

    def add(level, nis, parent, region, name_nl, name_fr, population, geometry):
        if nis in units:
            raise ValueError(f"duplicate NIS code {nis}")
        units[nis] = (level, nis, parent, region, name_nl, name_fr, population, geometry)

    def region_of(p):
        regions.setdefault(code(p["reg_nis"]), (p["reg_nl"], p["reg_fr"]))
        return code(p["reg_nis"])

    municipalities = load(source, "belgium-municipalities.geojson")
    arrondissements = load(source, "belgium-arrondissements.geojson")
    # The municipality file names some arrondissements as they were before the 2019 reform (La Louviere, 58000, is
    # empty there). REFNIS codes carry the answer: a municipality's first two digits are its arrondissement's.
    arrondissement_of = {}
    known = {code(a["properties"]["nis"]) for a in arrondissements}
    for feature in municipalities:
        p = feature["properties"]
        arrondissement_of[p["nis"]] = code(p["nis"][:2] + "000")
        if arrondissement_of[p["nis"]] not in known:
            raise ValueError(f"municipality {p['nis']}: no arrondissement {p['nis'][:2]}000")
        if p["nis"][:2] + "000" != p["arr_nis"]:
            print(f"  {p['nis']} {p['name_fr']}: arrondissement {p['arr_nis']} -> {p['nis'][:2]}000 (REFNIS 2019)")

    # The province and region of each arrondissement: from the arrondissement file, and where it names no province
    # (Ath), from its municipalities. A municipality lies in its arrondissement's province and region.
    province_of, region_of_arrondissement = {}, {}
    for feature in arrondissements:
        p = feature["properties"]
        province_of[code(p["nis"])] = code(p.get("prov_nis"))
        region_of_arrondissement[code(p["nis"])] = code(p["reg_nis"])
    votes = {}
    for feature in municipalities:
        p = feature["properties"]
        votes.setdefault(arrondissement_of[p["nis"]], Counter())[code(p.get("prov_nis"))] += 1
    for arrondissement, province in province_of.items():
        if not province and arrondissement in votes:
            province_of[arrondissement] = votes[arrondissement].most_common(1)[0][0]

    # Only municipalities keep their outline: every higher unit is the union of its municipalities, so that the levels
    # nest exactly (the source's own arrondissement and province outlines were simplified separately and differ by up
    # to 5 km2 along borders and the coast).
    for feature in load(source, "belgium-provinces.geojson"):
        p = feature["properties"]
        region = region_of(p)
        if "nis" in p:
            add(LEVEL_PROVINCE, code(p["nis"]), region, region, p["name_nl"], p["name_fr"], 0, None)
        else:  # Brussels-Capital: a region without provinces; the file lists it in place of a province.
            add(LEVEL_REGION, region, COUNTRY[0], region, p["reg_nl"], p["reg_fr"], 0, None)
    for feature in arrondissements:
        p = feature["properties"]
        region = region_of(p)
        parent = province_of.get(code(p["nis"])) or region  # Brussels-Capital arrondissement: its parent is the region
        add(LEVEL_ARRONDISSEMENT, code(p["nis"]), parent, region, p["name_nl"], p["name_fr"], 0, None)
    for feature in municipalities:
        p = feature["properties"]
        region_of(p)
        region = region_of_arrondissement[arrondissement_of[p["nis"]]]
        add(LEVEL_MUNICIPALITY, code(p["nis"]), arrondissement_of[p["nis"]], region, p["name_nl"], p["name_fr"], int(p["population"]), feature["geometry"])
    for region, (name_nl, name_fr) in regions.items():
        if region not in units:
            add(LEVEL_REGION, region, COUNTRY[0], region, name_nl, name_fr, 0, None)
    add(LEVEL_COUNTRY, COUNTRY[0], 0, 0, COUNTRY[1], COUNTRY[2], 0, None)

    for unit in units.values():
        if unit[2] and unit[2] not in units:
            raise ValueError(f"{unit[1]:05d}: parent {unit[2]:05d} is not in the data")

    body = io.BytesIO()
    body.write(b"BEGEO\x01")
    varint(body, SCALE)
    varint(body, len(units))
    for level, nis, parent, region, name_nl, name_fr, population, geometry in sorted(units.values(), key=lambda u: (u[0], u[1])):
        body.write(bytes([level]))
        varint(body, nis)
        varint(body, parent)
        varint(body, region)
        string(body, name_nl)
        string(body, name_fr)
        varint(body, population)
        parts = polygons(geometry) if geometry else []
        varint(body, len(parts))
        px = py = 0
        for polygon in parts:
            varint(body, len(polygon))
            for ring in polygon:
                if ring[0] != ring[-1]:
                    raise ValueError(f"{nis:05d}: ring not closed")
                ring = ring[:-1]
                varint(body, len(ring))
                for lon, lat in ring:
                    x, y = round(lon * SCALE), round(lat * SCALE)
                    varint(body, zigzag(x - px))
                    varint(body, zigzag(y - py))
                    px, py = x, y

    raw = body.getvalue()
    packed = zlib.compress(raw, 9)
    with open(output, "wb") as f:
        f.write(packed)
    print(f"{output}: {len(units)} units, {len(raw):,} bytes raw, {len(packed):,} bytes compressed")


if __name__ == "__main__":
    main()
