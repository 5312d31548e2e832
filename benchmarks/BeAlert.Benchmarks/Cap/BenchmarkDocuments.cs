using System.Xml;
using System.Xml.Schema;

namespace BeAlert.Benchmarks.Cap;

/// <summary>The three benchmark alerts (small ~1 KB, typical ~4 KB in four languages, large ~200 KB of polygons) and the official XSD.</summary>
public static class BenchmarkDocuments
{
    public const string Small = "small";
    public const string Typical = "typical";
    public const string Large = "large";

    public static byte[] Load(string size) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", size switch
    {
        Small => "be-small.xml",
        Typical => "be-typical-4lang.xml",
        Large => "be-large-polygons.xml",
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, "small, typical or large"),
    }));

    /// <summary>The official CAP 1.2 schema, compiled once (as a .NET application would).</summary>
    public static XmlSchemaSet LoadSchema()
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        using var reader = XmlReader.Create(Path.Combine(AppContext.BaseDirectory, "Data", "CAP-v1.2.xsd"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        set.Add(null, reader);
        set.Compile();
        return set;
    }
}
