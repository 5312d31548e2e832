#!/usr/bin/env python3
"""Regenerates src/BeAlert.Cap/Profiles/BeAlert/belgian-nis.tsv, the table of Belgian NIS (REFNIS) codes that the
BE-Alert profile checks <geocode valueName="NIS"> against.

Usage (from the repository root):
    eng/generate-belgian-nis.py [GEO_DIR]
GEO_DIR holds belgium-municipalities.geojson, belgium-arrondissements.geojson and belgium-provinces.geojson
(default: ../shared/data/geo). Only the feature properties are read; the geometry is ignored.

Source of the data: the public-domain (CC0) TopoJSON of github.com/bmesuere/belgium-topojson, built from Statbel's
2019 REFNIS boundaries, as converted to GeoJSON in the shared data folder. The product never reads that folder: the
table below is generated once and compiled into BeAlert.Cap as an embedded resource.

Columns (tab-separated, one code per line, sorted by code):
    nis        5-digit NIS code
    level      M municipality, A arrondissement, P province, R region
    parent     the NIS code of the enclosing unit (municipality -> arrondissement -> province -> region; the
               Brussels-Capital arrondissement -> region); empty for regions
    region     02000 Flemish Region, 03000 Walloon Region, 04000 Brussels-Capital Region
    languages  the languages an alert for this unit must carry (space-separated): nl in the Flemish Region, fr in the
               Walloon Region, nl and fr in Brussels, de and fr in the nine municipalities of the German-language area;
               for arrondissements, provinces and regions the union over their municipalities
    name_nl, name_fr
"""
import json
import os
import sys

# The German-language area (Belgian Constitution, art. 4; the municipalities of the German-speaking Community):
# Amel, Büllingen, Burg-Reuland, Bütgenbach, Eupen, Kelmis, Lontzen, Raeren, Sankt Vith. French speakers there have
# language facilities, so an alert carries French as well.
GERMAN_LANGUAGE_AREA = {"63001", "63012", "63087", "63013", "63023", "63040", "63048", "63061", "63067"}

REGION_NAMES = {
    "02000": ("Vlaams Gewest", "Région flamande"),
    "03000": ("Waals Gewest", "Région wallonne"),
    "04000": ("Brussels Hoofdstedelijk Gewest", "Région de Bruxelles-Capitale"),
}
REGION_LANGUAGES = {"02000": {"nl"}, "03000": {"fr"}, "04000": {"nl", "fr"}}
LANGUAGE_ORDER = ["nl", "fr", "de"]


def properties(geo_dir, name):
    with open(os.path.join(geo_dir, f"belgium-{name}.geojson"), encoding="utf-8") as f:
        return [feature["properties"] for feature in json.load(f)["features"]]


def province_of(arrondissement, region):
    """The province of an arrondissement whose properties lack prov_nis (Ath, 51000, in the 2019 data), from the
    NIS numbering: the first digit is the province (Brabant: 23 and 24 Flemish Brabant, 25 Walloon Brabant);
    Brussels-Capital (21000) belongs to no province, so its parent is the region."""
    if region == "04000":
        return region
    if arrondissement[:2] in ("23", "24"):
        return "20001"
    if arrondissement[:2] == "25":
        return "20002"
    return arrondissement[0] + "0000"


def clean(text):
    if "\t" in text or "\n" in text:
        raise ValueError(f"unexpected tab or line break in {text!r}")
    return text.strip()


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    geo_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "data", "geo")
    out = os.path.join(root, "src", "BeAlert.Cap", "Profiles", "BeAlert", "belgian-nis.tsv")

    rows = {}
    for p in properties(geo_dir, "arrondissements"):
        parent = p.get("prov_nis") or province_of(p["nis"], p["reg_nis"])
        rows[p["nis"]] = ["A", parent, p["reg_nis"], set(), clean(p["name_nl"]), clean(p["name_fr"])]
    for p in properties(geo_dir, "municipalities"):
        # REFNIS numbering: a municipality's first two digits are its arrondissement. The data's arr_nis predates the
        # 2019 arrondissement reform for the renumbered municipalities (51067-51069, 55085-55086, 58001-58004), and it
        # puts the exclave Mesen (33016, arrondissement Ieper) in Wallonia; the code itself is right.
        arrondissement = p["nis"][:2] + "000"
        region = rows[arrondissement][2]
        if arrondissement != p["arr_nis"] or region != p["reg_nis"]:
            print(f"note: {p['nis']} {p['name_nl']}: arrondissement {p['arr_nis']} -> {arrondissement}, region {p['reg_nis']} -> {region}")
        languages = {"de", "fr"} if p["nis"] in GERMAN_LANGUAGE_AREA else set(REGION_LANGUAGES[region])
        rows[p["nis"]] = ["M", arrondissement, region, languages, clean(p["name_nl"]), clean(p["name_fr"])]
    for p in properties(geo_dir, "provinces"):
        if "nis" in p:  # the Brussels-Capital entry has only region properties
            rows[p["nis"]] = ["P", p["reg_nis"], p["reg_nis"], set(), clean(p["name_nl"]), clean(p["name_fr"])]
    for code, (nl, fr) in REGION_NAMES.items():
        rows[code] = ["R", "", code, set(), nl, fr]

    # Languages of a larger unit: the union over the municipalities inside it, walking up the parent chain.
    for code, row in rows.items():
        if row[0] == "M":
            parent = row[1]
            while parent:
                rows[parent][3] |= row[3]
                parent = rows[parent][1]
    for code, row in rows.items():
        if not row[3]:  # a unit without municipalities in the data (arrondissement 58000): its region's languages
            row[3] = set(REGION_LANGUAGES[row[2]])
        if row[1] and row[1] not in rows:
            raise ValueError(f"{code}: unknown parent {row[1]}")

    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Belgian NIS codes (Statbel REFNIS 2019, via bmesuere/belgium-topojson, CC0). Generated by "
                "eng/generate-belgian-nis.py; do not edit.\n")
        f.write("# nis\tlevel\tparent\tregion\tlanguages\tname_nl\tname_fr\n")
        for code in sorted(rows):
            level, parent, region, languages, nl, fr = rows[code]
            ordered = " ".join(l for l in LANGUAGE_ORDER if l in languages)
            f.write("\t".join([code, level, parent, region, ordered, nl, fr]) + "\n")
    print(f"{out}: {len(rows)} codes")


if __name__ == "__main__":
    main()
