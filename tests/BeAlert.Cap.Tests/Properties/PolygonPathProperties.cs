using System.Text;
using BeAlert.Cap.Tests.Parsing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BeAlert.Cap.Tests.Properties;

/// <summary>
/// A polygon in a UTF-8 document is usually read in place from the document's bytes; in a UTF-16 document it is read
/// through XmlReader as any value. Both must give the same alert and the same diagnostics for any polygon text, valid
/// or not, in both modes.
/// </summary>
public sealed class PolygonPathProperties
{
    private const string MinimalPolygon = "51.0,3.7 51.1,3.7 51.1,3.8 51.0,3.7";

    /// <summary>Polygon texts from numbers, separators and the bytes a point reader must refuse, XML-escaped.</summary>
    private static Gen<string> PolygonTexts { get; } =
        from count in Gen.Choose(0, 40)
        from parts in Gen.ArrayOf(
            Gen.OneOf(
                Gen.Elements("51.0", "3.7", "-4.35", "+50.1", "0", ".5", "5.", "50.123456789012345678", "1e5"),
                Gen.Elements(",", ",", " ", " ", "\t", "\r\n", "\n", "  \n   ", ";", "&amp;", "&#32;", "]", "<![CDATA[4.2]]>", "<!-- c -->", "é", "x")),
            count)
        select string.Concat(parts);

    /// <summary>Well-formed point lists: numbers of any length and sign, blanks of any kind between and around them.</summary>
    private static Gen<string> ValidPolygonTexts { get; } =
        from count in Gen.Choose(1, 60)
        from points in Gen.ArrayOf(
            from latitude in Gen.Choose(-90_000_000, 90_000_000)
            from longitude in Gen.Choose(-180_000_000, 180_000_000)
            from decimals in Gen.Choose(0, 7)
            from blank in Gen.Elements(" ", " ", " ", "  ", "\n", "\r\n", "\t", "\n      ")
            select $"{Number(latitude, decimals)},{Number(longitude, decimals)}{blank}",
            count)
        from lead in Gen.Elements("", " ", "\n  ")
        select lead + string.Concat(points);

    private static string Number(int millionths, int decimals) =>
        Math.Round(millionths / 1e6, decimals).ToString(decimals == 7 ? "F7" : "R", System.Globalization.CultureInfo.InvariantCulture);

    [Property(MaxTest = 2000)]
    public Property InPlaceAndValuePaths_Agree() =>
        Prop.ForAll(Arb.From(Gen.OneOf(PolygonTexts, ValidPolygonTexts, Gen.Constant(MinimalPolygon))), text =>
        {
            var xml = CapParserTests.Minimal.Replace(MinimalPolygon, text, StringComparison.Ordinal);
            var utf8 = Encoding.UTF8.GetBytes(xml);
            var utf16 = Encoding.Unicode.GetPreamble()
                .Concat(Encoding.Unicode.GetBytes(xml.Replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", StringComparison.Ordinal)))
                .ToArray();
            return Outcome(CapParser.Default, utf8) == Outcome(CapParser.Default, utf16)
                && Outcome(CapParser.Lenient, utf8) == Outcome(CapParser.Lenient, utf16);
        });

    /// <summary>What a parse gives, as text: the error code, or the polygons and the diagnostics (code and message).</summary>
    private static string Outcome(CapParser parser, byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes);
            var document = parser.Parse(stream);
            var polygons = document.Alert.Infos[0].Areas[0].Polygons.Select(p => string.Join(' ', p.Points.Select(q => $"{BitConverter.DoubleToInt64Bits(q.Latitude)}/{BitConverter.DoubleToInt64Bits(q.Longitude)}")));
            var diagnostics = document.Diagnostics.Select(d => $"{d.Code} {d.Message} {d.Path}");
            return string.Join(" | ", polygons) + " || " + string.Join(" | ", diagnostics);
        }
        catch (CapParseException e)
        {
            return "fails " + e.Code;
        }
    }
}
