using System.Text;

namespace BeAlert.Cap.Tests.Parsing;

public sealed class CapParserTests
{
    internal const string Minimal = """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>BE-2026-0001</identifier>
          <sender>crisiscentrum@ibz.be</sender>
          <sent>2026-11-25T14:30:00+01:00</sent>
          <status>Actual</status>
          <msgType>Alert</msgType>
          <scope>Public</scope>
          <info>
            <language>nl-BE</language>
            <category>Fire</category>
            <event>Brand</event>
            <urgency>Immediate</urgency>
            <severity>Severe</severity>
            <certainty>Observed</certainty>
            <expires>2026-11-25T20:30:00+01:00</expires>
            <headline>Grote brand in Gent</headline>
            <area>
              <areaDesc>Gent</areaDesc>
              <polygon>51.0,3.7 51.1,3.7 51.1,3.8 51.0,3.7</polygon>
              <circle>51.05,3.72 2.5</circle>
              <geocode><valueName>NIS</valueName><value>44021</value></geocode>
            </area>
          </info>
        </alert>
        """;

    [Theory]
    [InlineData("status", "Act\nual")]
    [InlineData("sent", "2026-11-25\nT14:30:00+01:00")]
    public void Parse_BadValueOverTwoLines_DiagnosticPointsAtTheStartTag(string element, string value)
    {
        var xml = Minimal.Replace($"<{element}>", $"<{element}>{value}<!--", StringComparison.Ordinal)
            .Replace($"</{element}>", $"--></{element}>", StringComparison.Ordinal);
        var lines = xml.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains($"<{element}>", StringComparison.Ordinal)) + 1;
        var column = lines[line - 1].IndexOf($"<{element}>", StringComparison.Ordinal) + 1;

        var diagnostic = Assert.Single(CapParser.Default.Parse(xml).Diagnostics);

        Assert.Equal((line, column), (diagnostic.Line, diagnostic.Column));
        Assert.Equal($"/alert/{element}", diagnostic.Path);
    }

    [Fact]
    public void Parse_WhitespaceOnlyValuesAndTextBetweenChildren_KeepTheirMeaning()
    {
        // Whitespace between children is stepped over; a value made of whitespace is still read as such, and stray
        // text between children is still reported.
        var xml = Minimal
            .Replace("<headline>Grote brand in Gent</headline>", "<headline>   </headline>\n   stray\n", StringComparison.Ordinal)
            .Replace("<areaDesc>Gent</areaDesc>", "<areaDesc>\n\t</areaDesc>", StringComparison.Ordinal);
        var document = CapParser.Default.Parse(xml);

        Assert.Equal("   ", document.Alert.Infos[0].Headline);
        Assert.Equal("\n\t", document.Alert.Infos[0].Areas[0].AreaDesc);
        Assert.Equal(CapDiagnosticCodes.UnexpectedContent, Assert.Single(document.Diagnostics).Code);
    }

    [Fact]
    public void Parse_ManyRepeatedElements_KeepsAllInOrder()
    {
        // More items than a list collector keeps inline: the rest spill into a pooled array, order kept.
        var geocodes = string.Concat(Enumerable.Range(1, 9).Select(i => $"<geocode><valueName>NIS</valueName><value>{i}</value></geocode>"));
        var categories = string.Concat(new[] { "Geo", "Met", "Safety", "Security", "Rescue", "Fire" }.Select(c => $"<category>{c}</category>"));
        var xml = Minimal
            .Replace("<geocode><valueName>NIS</valueName><value>44021</value></geocode>", geocodes, StringComparison.Ordinal)
            .Replace("<category>Fire</category>", categories, StringComparison.Ordinal);
        var info = CapParser.Default.Parse(xml).Alert.Infos[0];

        Assert.Equal(Enumerable.Range(1, 9).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), info.Areas[0].Geocodes.Select(g => g.Value));
        Assert.Equal(new[] { CapCategory.Geo, CapCategory.Met, CapCategory.Safety, CapCategory.Security, CapCategory.Rescue, CapCategory.Fire }, info.Categories);
    }

    [Fact]
    public void Parse_ValidAlert_ReadsEveryField()
    {
        var document = CapParser.Default.Parse(Minimal);

        Assert.Empty(document.Diagnostics);
        Assert.Equal(CapVersion.Cap12, document.Version);
        var alert = document.Alert;
        Assert.Equal("BE-2026-0001", alert.Identifier);
        Assert.Equal(TimeSpan.FromHours(1), alert.Sent.Value.Offset);
        var info = Assert.Single(alert.Infos);
        Assert.Equal("nl-BE", info.Language);
        Assert.Equal([CapCategory.Fire], info.Categories);
        Assert.Equal(CapSeverity.Severe, info.Severity);
        var area = Assert.Single(info.Areas);
        Assert.Equal(4, Assert.Single(area.Polygons).Points.Count);
        Assert.Equal(new CapCircle(new CapPoint(51.05, 3.72), 2.5), Assert.Single(area.Circles));
        Assert.Equal(new CapNamedValue("NIS", "44021"), Assert.Single(area.Geocodes));
    }

    [Fact]
    public void Parse_WriteThenParse_GivesEqualAlert()
    {
        var alert = CapParser.Default.Parse(Minimal).Alert;
        var again = CapParser.Default.Parse(CapWriter.WriteToBytes(alert)).Alert;
        Assert.Equal(alert, again);
    }

    [Fact]
    public void Parse_MissingAndOutOfOrder_ReportsEachWithPathAndLine()
    {
        var xml = Minimal.Replace("<sender>crisiscentrum@ibz.be</sender>\n", string.Empty, StringComparison.Ordinal)
            .Replace("<urgency>Immediate</urgency>\n    <severity>Severe</severity>", "<severity>Severe</severity>\n    <urgency>Immediate</urgency>", StringComparison.Ordinal);
        var diagnostics = CapParser.Default.Parse(xml).Diagnostics;

        var missing = Assert.Single(diagnostics, d => d.Code == CapDiagnosticCodes.MissingElement);
        Assert.Equal("/alert", missing.Path);
        Assert.Contains("<sender>", missing.Message, StringComparison.Ordinal);
        var order = Assert.Single(diagnostics, d => d.Code == CapDiagnosticCodes.ElementOutOfOrder);
        Assert.Equal("/alert/info[1]/urgency", order.Path);
        Assert.True(order.Line > 10);
    }

    [Theory]
    [InlineData("<status> Actual </status>", CapDiagnosticCodes.InvalidEnumValue, CapDiagnosticCodes.RepairedWhitespace)]
    [InlineData("<status>actual</status>", CapDiagnosticCodes.InvalidEnumValue, CapDiagnosticCodes.RepairedEnumCase)]
    public void Parse_RepairableValue_StrictErrsLenientRepairs(string status, string strictCode, string lenientCode)
    {
        var xml = Minimal.Replace("<status>Actual</status>", status, StringComparison.Ordinal);

        Assert.Equal(strictCode, Assert.Single(CapParser.Default.Parse(xml).Diagnostics).Code);
        var lenient = CapParser.Lenient.Parse(xml);
        var repair = Assert.Single(lenient.Diagnostics);
        Assert.Equal(lenientCode, repair.Code);
        Assert.Equal(CapDiagnosticSeverity.Warning, repair.Severity);
        Assert.Equal(CapStatus.Actual, lenient.Alert.Status);
    }

    [Fact]
    public void Parse_ZuluTime_StrictErrsLenientReadsAsMinusZero()
    {
        var xml = Minimal.Replace("2026-11-25T14:30:00+01:00", "2026-11-25T13:30:00Z", StringComparison.Ordinal);

        Assert.Equal(CapDiagnosticCodes.ZuluTimeZone, Assert.Single(CapParser.Default.Parse(xml).Diagnostics).Code);
        var lenient = CapParser.Lenient.Parse(xml);
        Assert.Equal(CapDiagnosticCodes.RepairedZuluTime, Assert.Single(lenient.Diagnostics).Code);
        Assert.Equal("2026-11-25T13:30:00-00:00", lenient.Alert.Sent.ToString());
    }

    [Fact]
    public void Parse_UnclosedPolygon_LenientClosesIt()
    {
        var xml = Minimal.Replace("51.1,3.8 51.0,3.7</polygon>", "51.1,3.8</polygon>", StringComparison.Ordinal);

        var strict = CapParser.Default.Parse(xml);
        Assert.False(strict.Alert.Infos[0].Areas[0].Polygons[0].IsClosed);
        var lenient = CapParser.Lenient.Parse(xml);
        Assert.Equal(CapDiagnosticCodes.RepairedPolygonClosed, Assert.Single(lenient.Diagnostics).Code);
        Assert.True(lenient.Alert.Infos[0].Areas[0].Polygons[0].IsClosed);
    }

    /// <summary>A polygon is read from the document's bytes when its text is plain, and from decoded text otherwise
    /// (references, CDATA, a comment, a document that is not UTF-8): the points are the same either way.</summary>
    [Theory]
    [InlineData("51.0,3.7 51.1,3.7 51.1,3.8 51.0,3.7")]
    [InlineData("51.0,3.7&#32;51.1,3.7&#x20;51.1,3.8 51.0,3.7")]
    [InlineData("51.0,3.7 <![CDATA[51.1,3.7]]> 51.1,3.8<!-- corner --> 51.0,3.7")]
    [InlineData("\r\n  51.0,3.7\r\n51.1,3.7\t51.1,3.8 \n\n\n\n\n\n\n\n\n\n\n 51.0,3.7\r\n")]
    [InlineData("+51.00,3.70 51.1000000,03.7 51.1,3.8 51.0,3.7")]
    public void Parse_PolygonWrittenAnyWay_SamePoints(string text)
    {
        var xml = Minimal.Replace("51.0,3.7 51.1,3.7 51.1,3.8 51.0,3.7", text, StringComparison.Ordinal);
        CapPoint[] expected = [new(51.0, 3.7), new(51.1, 3.7), new(51.1, 3.8), new(51.0, 3.7)];

        var document = CapParser.Default.Parse(xml);
        Assert.Empty(document.Diagnostics);
        Assert.Equal(expected, document.Alert.Infos[0].Areas[0].Polygons[0].Points);

        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(xml.Replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", StringComparison.Ordinal))).ToArray();
        using var stream = new MemoryStream(utf16);
        Assert.Equal(expected, CapParser.Default.Parse(stream).Alert.Infos[0].Areas[0].Polygons[0].Points);
    }

    /// <summary>A polygon with an attribute or a child element is read as any value: one diagnostic for what is wrong,
    /// and the points.</summary>
    [Theory]
    [InlineData("<polygon id=\"p1\">51.0,3.7 51.1,3.7 51.1,3.8 51.0,3.7</polygon>", CapDiagnosticCodes.UnexpectedAttribute)]
    [InlineData("<polygon>51.0,3.7 51.1,3.7 <b>x</b>51.1,3.8 51.0,3.7</polygon>", CapDiagnosticCodes.UnexpectedContent)]
    public void Parse_PolygonWithMarkup_ReportsItOnceAndKeepsThePoints(string polygon, string code)
    {
        var xml = Minimal.Replace("<polygon>51.0,3.7 51.1,3.7 51.1,3.8 51.0,3.7</polygon>", polygon, StringComparison.Ordinal);

        var document = CapParser.Default.Parse(xml);
        Assert.Equal(code, Assert.Single(document.Diagnostics).Code);
        Assert.Equal(4, document.Alert.Infos[0].Areas[0].Polygons[0].Points.Count);
    }

    [Theory]
    [InlineData("51.0,3.7 51.1,3.7\u00e9 51.1,3.8 51.0,3.7", "point 2 '51.1,3.7\u00e9'")]
    [InlineData("51.0,3.7 51.1, 3.7 51.1,3.8 51.0,3.7", "point 2 '51.1,'")]
    [InlineData("51.0,3.7 51.1,3.7 51.1;3.8 51.0,3.7", "point 3 '51.1;3.8'")]
    [InlineData("51.0,3.7 51.1,3.7 51.1,3.8 51.0,3.7,", "point 4 '51.0,3.7,'")]
    [InlineData("51.0,3.7 51.1,3.7 51.1,3.8 1e5,3.7", "point 4 '1e5,3.7'")]
    [InlineData("51.0,3.7 51.1,3.7 51.1,3.8x51.0,3.7", "point 3 '51.1,3.8x51.0,3.7'")]
    [InlineData("51.0,3.7 51.1,3.7 51.1,3.8] 51.0,3.7", "point 3 '51.1,3.8]'")]
    [InlineData("51.0,3.7 51.1,3.7 51.1,3.8 51.0,3.7 &amp;", "point 5 '&'")]
    public void Parse_PolygonWithABadPoint_NamesIt(string text, string quoted)
    {
        var xml = Minimal.Replace("51.0,3.7 51.1,3.7 51.1,3.8 51.0,3.7", text, StringComparison.Ordinal);

        var diagnostic = Assert.Single(CapParser.Default.Parse(xml).Diagnostics);
        Assert.Equal(CapDiagnosticCodes.InvalidPolygon, diagnostic.Code);
        Assert.Contains(quoted, diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("/alert/info[1]/area[1]/polygon[1]", diagnostic.Path);
    }

    [Fact]
    public void Parse_PolygonWithALongBadRun_QuotesItsStartOnly()
    {
        var run = string.Concat(Enumerable.Repeat("51.1,3.7;", 20_000));
        var xml = Minimal.Replace("51.0,3.7 51.1,3.7 51.1,3.8 51.0,3.7", "51.0,3.7 " + run, StringComparison.Ordinal);

        var diagnostic = Assert.Single(CapParser.Default.Parse(xml).Diagnostics);
        Assert.Equal(CapDiagnosticCodes.InvalidPolygon, diagnostic.Code);
        Assert.Contains("point 2 '51.1,3.7;51.1,3.7;", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("...'", diagnostic.Message, StringComparison.Ordinal);
        Assert.True(diagnostic.Message.Length < 250, diagnostic.Message);
    }

    [Fact]
    public void Parse_UnknownElement_StrictErrsLenientSkips()
    {
        var xml = Minimal.Replace("<scope>Public</scope>", "<scope>Public</scope><colour>red</colour>", StringComparison.Ordinal);

        var strict = Assert.Single(CapParser.Default.Parse(xml).Diagnostics);
        Assert.Equal(CapDiagnosticCodes.UnexpectedElement, strict.Code);
        Assert.Equal("/alert/colour", strict.Path);
        Assert.Equal(CapDiagnosticCodes.SkippedElement, Assert.Single(CapParser.Lenient.Parse(xml).Diagnostics).Code);
    }

    [Fact]
    public void Parse_Cap11Document_MapsOntoModelAndKeepsVersion()
    {
        var xml = Minimal.Replace(CapAlert.Namespace12, CapAlert.Namespace11, StringComparison.Ordinal)
            .Replace("<certainty>Observed</certainty>", "<certainty>Very Likely</certainty>", StringComparison.Ordinal);
        var document = CapParser.Default.Parse(xml);

        Assert.Equal(CapVersion.Cap11, document.Version);
        Assert.Equal(CapCertainty.Likely, document.Alert.Infos[0].Certainty);
        Assert.Equal([CapDiagnosticCodes.OlderCapVersion, CapDiagnosticCodes.DeprecatedVeryLikely], document.Diagnostics.Select(d => d.Code));
        Assert.DoesNotContain(document.Diagnostics, d => d.IsError);
    }

    [Fact]
    public void Parse_Cap10Document_ReadsLegacyPairsAndDropsPassword()
    {
        var xml = """
            <alert xmlns="http://www.incident.com/cap/1.0">
              <identifier>X1</identifier><sender>a@b.be</sender><password>secret</password>
              <sent>2026-11-25T14:30:00+01:00</sent><status>Test</status><msgType>Alert</msgType><scope>Public</scope>
              <info><category>Met</category><event>Storm</event><urgency>Expected</urgency><severity>Moderate</severity>
                <certainty>Likely</certainty><area><areaDesc>Brussel</areaDesc><geocode>NIS=21004</geocode></area></info>
            </alert>
            """;
        var document = CapParser.Default.Parse(xml);

        Assert.Equal(CapVersion.Cap10, document.Version);
        Assert.Equal(new CapNamedValue("NIS", "21004"), document.Alert.Infos[0].Areas[0].Geocodes[0]);
        Assert.Contains(document.Diagnostics, d => d.Code == CapDiagnosticCodes.DeprecatedPassword);
        Assert.Contains(document.Diagnostics, d => d.Code == CapDiagnosticCodes.LegacyValuePair);
        Assert.DoesNotContain(document.Diagnostics, d => d.IsError);
    }

    [Fact]
    public void Parse_Stream_ReadsSameAsString()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Minimal));
        Assert.Equal(CapParser.Default.Parse(Minimal).Alert, CapParser.Default.Parse(stream).Alert);
    }

    [Fact]
    public void Parse_Utf16WithBom_Reads()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Minimal.Replace("UTF-8", "UTF-16", StringComparison.Ordinal))).ToArray();
        Assert.Equal("BE-2026-0001", CapParser.Default.Parse(bytes).Alert.Identifier);
    }
}
