using BeAlert.Cap;
using BeAlert.Cap.Geo;

// Read an alert (see BeAlert.Cap), then place its areas on the map: polygons, geodesic circles and NIS geocodes.
using var stream = File.OpenRead(args.Length > 0 ? args[0] : "samples/cap/be-flood-vesdre.xml");
var alert = CapParser.Default.Parse(stream).Alert;
var area = CapAreaLocator.Default.Locate(alert);
foreach (var diagnostic in area.Diagnostics) // CAP11xx: unknown NIS code, self-intersecting polygon...
{
    Console.Error.WriteLine(diagnostic);
}

// Who is in it? Municipalities whose surface overlaps the alert, with their 2020 population.
var municipalities = BelgianBoundaries.Default.FindAffectedMunicipalities(area);
Console.WriteLine($"{area.AreaKm2:F1} km², {municipalities.Count} municipalities, {municipalities.Sum(m => m.Population):N0} people");
foreach (var m in municipalities)
{
    Console.WriteLine($"  {m.Code} {(m.NameNl == m.NameFr ? m.NameNl : m.NameNl + " / " + m.NameFr)}");
}

// Is this phone in it? A bounding-box test, then a prepared geometry: about a microsecond or less per point.
Console.WriteLine(area.Contains(latitude: 50.5891, longitude: 5.8623) ? "Verviers station: inside" : "Verviers station: outside");

// The alert as GeoJSON (RFC 7946), one feature per info block, CAP fields as properties.
using var output = File.Create("alert.geojson");
CapGeoJson.Write(CapGeoJson.ToFeatureCollection([alert]), output);
return area.HasErrors ? 1 : 0;
