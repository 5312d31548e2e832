using System.Text.Json;
using System.Xml.Linq;
using BeAlert.TestUtils;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BeAlert.Cap.Tests.Writing;

/// <summary>
/// The JSON form loses nothing: turned back into CAP XML by a generic mapping (each member an element of the same
/// name, in the order written; arrays repeat the element, except the list elements, which CAP writes as one text) and
/// parsed, it gives the same alert.
/// </summary>
public sealed class CapJsonWriterTests
{
    private static readonly XNamespace Cap = CapAlert.Namespace12;
    private static readonly HashSet<string> ListElements = ["addresses", "incidents", "references"];

    [Property(MaxTest = 200)]
    public Property Json_MappedBackToXml_ParsesToTheSameAlert() =>
        Prop.ForAll(CapGenerators.AlertArbitrary(), alert => FromJson(CapJsonWriter.WriteToString(alert)).Equals(alert with { Signature = null }));

    public static TheoryData<string> Samples => Corpus.Corpus.Relative(Corpus.Corpus.Samples);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Json_EverySample_RoundTripsAndIndentsTheSame(string file)
    {
        var alert = CapParser.Default.Parse(File.ReadAllBytes(Path.Combine(Corpus.Corpus.Samples, file))).Alert;

        var compact = CapJsonWriter.WriteToString(alert);
        var indented = CapJsonWriter.WriteToString(alert, indented: true);

        Assert.Equal(alert with { Signature = null }, FromJson(compact));
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(compact).RootElement, JsonDocument.Parse(indented).RootElement));
    }

    [Fact]
    public void Json_Altitude_IsANumberWithTheDecimalDigitsKept()
    {
        var alert = CapAlertBuilder.Create("A", "s@x.be", new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.FromHours(1)))
            .AddInfo("nl-BE", CapCategory.Met, "Storm", CapUrgency.Expected, CapSeverity.Moderate, CapCertainty.Likely,
                info => info.AddArea("Gent", area => area.Altitude(1500.50m)))
            .Build();

        using var json = JsonDocument.Parse(CapJsonWriter.WriteToString(alert));

        var altitude = json.RootElement.GetProperty("info")[0].GetProperty("area")[0].GetProperty("altitude");
        Assert.Equal(JsonValueKind.Number, altitude.ValueKind);
        Assert.Equal("1500.50", altitude.GetRawText());
    }

    private static CapAlert FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = new XElement(Cap + "alert");
        AddMembers(root, document.RootElement);
        // Carriage returns survive only as character references (XML turns a raw CR into LF).
        var xml = new System.Text.StringBuilder();
        using (var writer = System.Xml.XmlWriter.Create(xml, new System.Xml.XmlWriterSettings { NewLineHandling = System.Xml.NewLineHandling.Entitize, OmitXmlDeclaration = true }))
        {
            root.WriteTo(writer);
        }

        return CapParser.Default.Parse(xml.ToString()).Alert;
    }

    private static void AddMembers(XElement parent, JsonElement obj)
    {
        foreach (var member in obj.EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.Array && ListElements.Contains(member.Name))
            {
                var entries = member.Value.EnumerateArray().Select(e => e.GetString()!).ToList();
                parent.Add(new XElement(Cap + member.Name, member.Name == "references" ? string.Join(' ', entries) : CapListText.Join(entries)));
            }
            else if (member.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in member.Value.EnumerateArray())
                {
                    parent.Add(Element(member.Name, item));
                }
            }
            else
            {
                parent.Add(Element(member.Name, member.Value));
            }
        }
    }

    private static XElement Element(string name, JsonElement value)
    {
        var element = new XElement(Cap + name);
        if (value.ValueKind == JsonValueKind.Object)
        {
            AddMembers(element, value);
        }
        else
        {
            element.Value = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        }

        return element;
    }
}
