using BeAlert.Cap;
using FsCheck;
using FsCheck.Fluent;

namespace BeAlert.TestUtils;

/// <summary>
/// FsCheck generators of arbitrary CAP model values: every field, lists of every length, any text XML can carry
/// (accents, CJK, emoji, CR/LF, surrounding whitespace), coordinates at full double precision, any offset.
/// </summary>
public static class CapGenerators
{
    private static readonly string[] Fragments =
    [
        "a", "Z", "0", "9", " ", "  ", "\t", "\n", "\r\n", "\r", "é", "ß", "ü", "Ø", "€", "漢", "🚨", "&", "<", ">", "\"", "'", "]]>",
        "Brand", "Incendie", "Überschwemmung", "Flood", "NIS", "44021", "-", "_", ".", ":", "/", "@", ",", "=", ";", "#",
    ];

    /// <summary>Any text XML 1.0 can carry, including empty and whitespace-only text.</summary>
    public static Gen<string> Text { get; } =
        Gen.Elements(Fragments).ArrayOf().Select(parts => string.Concat(parts));

    /// <summary>Text without whitespace or commas (a reference's sender and identifier).</summary>
    public static Gen<string> Token { get; } =
        Gen.Elements("a", "B", "7", "-", "_", ".", "@", ":", "é", "漢", "urn", "oid").NonEmptyListOf().Select(parts => string.Concat(parts));

    /// <summary>An entry of addresses or incidents: non-empty, no double quote.</summary>
    public static Gen<string> ListEntry { get; } =
        Text.Where(t => t.Length > 0 && !t.Contains('"', StringComparison.Ordinal));

    /// <summary>A CAP time: second precision, whole-minute offsets from -14:00 to +14:00, either sign of zero.</summary>
    public static Gen<CapDateTime> Time { get; } =
        from seconds in Gen.Choose(0, int.MaxValue)
        from offsetMinutes in Gen.Frequency((3, Gen.Constant(0)), (5, Gen.Choose(-14 * 60, 14 * 60)), (2, Gen.Elements(60, 120, -300)))
        from plusZero in ArbMap.Default.GeneratorFor<bool>()
        select new CapDateTime(
            new DateTimeOffset(new DateTime(1990, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddSeconds(seconds), TimeSpan.FromMinutes(offsetMinutes)),
            plusZero);

    /// <summary>Finite doubles: mostly plausible coordinates, sometimes any magnitude.</summary>
    public static Gen<double> Coordinate { get; } = Gen.Frequency(
        (6, from whole in Gen.Choose(-180, 180) from fraction in Gen.Choose(0, 999_999_999) select whole + (Math.Sign(whole) * fraction / 1e9)),
        (2, ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite)),
        (1, Gen.Elements(0.0, -0.0, 1e-7, -89.999999999, 180.0, 1e-30, 1e25)));

    public static Gen<CapPoint> Point { get; } =
        from latitude in Coordinate
        from longitude in Coordinate
        select new CapPoint(latitude, longitude);

    public static Gen<CapPolygon> Polygon { get; } = Point.NonEmptyListOf().Select(points => new CapPolygon(points));

    public static Gen<CapCircle> Circle { get; } =
        from center in Point
        from radius in Coordinate
        select new CapCircle(center, radius);

    public static Gen<CapNamedValue> NamedValue { get; } =
        from name in Text
        from value in Text
        select new CapNamedValue(name, value);

    public static Gen<decimal> Altitude { get; } =
        from units in Gen.Choose(-100_000, 100_000)
        from scale in Gen.Choose(0, 4)
        select units / (decimal)Math.Pow(10, scale);

    public static Gen<CapArea> Area { get; } =
        from areaDesc in Text
        from polygons in Many(Polygon, 3, rare: 6)
        from circles in Many(Circle, 3, rare: 6)
        from geocodes in Many(NamedValue, 4)
        from altitude in Optional(Altitude)
        from ceiling in Optional(Altitude)
        select new CapArea(areaDesc) { Polygons = polygons, Circles = circles, Geocodes = geocodes, Altitude = altitude, Ceiling = ceiling };

    public static Gen<CapResource> Resource { get; } =
        from description in Text
        from mimeType in Text
        from size in Optional(ArbMap.Default.GeneratorFor<long>())
        from uri in Text.OrNull()
        from derefUri in Text.OrNull()
        from digest in Text.OrNull()
        select new CapResource(description, mimeType) { Size = size, Uri = uri, DerefUri = derefUri, Digest = digest };

    public static Gen<CapInfo> Info { get; } =
        from language in Gen.Elements<string?>(null, "nl-BE", "fr-BE", "de-BE", "en-GB", "en", "x")
        from categories in Many(Gen.Elements(Enum.GetValues<CapCategory>()), 3)
        from @event in Text
        from responseTypes in Many(Gen.Elements(Enum.GetValues<CapResponseType>()), 3)
        from urgency in Gen.Elements(Enum.GetValues<CapUrgency>())
        from severity in Gen.Elements(Enum.GetValues<CapSeverity>())
        from certainty in Gen.Elements(Enum.GetValues<CapCertainty>())
        from texts in Text.OrNull().ArrayOf(8)
        from eventCodes in Many(NamedValue, 3)
        from times in Optional(Time).ArrayOf(3)
        from parameters in Many(NamedValue, 3)
        from resources in Many(Resource, 2, rare: 6)
        from areas in Many(Area, 3, rare: 6)
        select new CapInfo(@event, urgency, severity, certainty, categories)
        {
            Language = language,
            ResponseTypes = responseTypes,
            Audience = texts[0],
            EventCodes = eventCodes,
            Effective = times[0],
            Onset = times[1],
            Expires = times[2],
            SenderName = texts[1],
            Headline = texts[2],
            Description = texts[3],
            Instruction = texts[4],
            Web = texts[5],
            Contact = texts[6],
            Parameters = parameters,
            Resources = resources,
            Areas = areas,
        };

    public static Gen<CapReference> Reference { get; } =
        from sender in Token
        from identifier in Token
        from sent in Time
        select new CapReference(sender, identifier, sent);

    public static Gen<CapAlert> Alert { get; } =
        from identifier in Text
        from sender in Text
        from sent in Time
        from status in Gen.Elements(Enum.GetValues<CapStatus>())
        from msgType in Gen.Elements(Enum.GetValues<CapMessageType>())
        from scope in Gen.Elements(Enum.GetValues<CapScope>())
        from texts in Text.OrNull().ArrayOf(3)
        from addresses in Many(ListEntry, 3)
        from codes in Many(Text, 3)
        from references in Many(Reference, 3)
        from incidents in Many(ListEntry, 3)
        from infos in Many(Info, 3, rare: 6)
        select new CapAlert(identifier, sender, sent, status, msgType, scope)
        {
            Source = texts[0],
            Restriction = texts[1],
            Addresses = addresses,
            Codes = codes,
            Note = texts[2],
            References = references,
            Incidents = incidents,
            Infos = infos,
        };

    /// <summary>An FsCheck arbitrary of alerts (shrinking not provided: the generator is already small).</summary>
    /// <summary>
    /// Usually up to <paramref name="usual"/> items; one time in six up to <paramref name="rare"/> (40 for simple items),
    /// so that code paths that grow with the number of repeated elements (pooled collectors, resizing) are exercised too.
    /// </summary>
    private static Gen<T[]> Many<T>(Gen<T> item, int usual, int rare = 40) =>
        Gen.Frequency((5, item.ArrayOf().Resize(usual)), (1, item.ArrayOf().Resize(rare)));

    public static Arbitrary<CapAlert> AlertArbitrary() => Arb.From(Alert);

    private static Gen<T?> Optional<T>(Gen<T> gen)
        where T : struct =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (3, gen.Select(v => (T?)v)));
}
