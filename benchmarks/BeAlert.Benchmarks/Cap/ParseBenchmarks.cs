using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using BeAlert.Cap;
using BenchmarkDotNet.Attributes;

namespace BeAlert.Benchmarks.Cap;

/// <summary>
/// Reading and validating one alert. Baseline: what a .NET developer does today, XDocument.Load plus validation
/// against the official XSD (compiled once). Ours: parse alone, and parse plus every CAP 1.2 rule.
/// </summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private byte[] _bytes = [];
    private XmlSchemaSet _schema = null!;

    [Params(BenchmarkDocuments.Small, BenchmarkDocuments.Typical, BenchmarkDocuments.Large)]
    public string Size { get; set; } = BenchmarkDocuments.Typical;

    [GlobalSetup]
    public void Setup()
    {
        _bytes = BenchmarkDocuments.Load(Size);
        _schema = BenchmarkDocuments.LoadSchema();
        if (!ParseAndValidate())
        {
            throw new InvalidOperationException($"The {Size} benchmark alert is not valid.");
        }

        if (XDocumentWithXsd() != 0)
        {
            throw new InvalidOperationException($"The XSD rejects the {Size} benchmark alert.");
        }
    }

    [Benchmark(Baseline = true, Description = "XDocument + XSD")]
    public int XDocumentWithXsd()
    {
        using var stream = new MemoryStream(_bytes, writable: false);
        var document = XDocument.Load(XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }));
        var errors = 0;
        document.Validate(_schema, (_, _) => errors++);
        return errors;
    }

    [Benchmark(Description = "CapParser.Parse")]
    public CapAlert Parse()
    {
        using var stream = new MemoryStream(_bytes, writable: false);
        return CapParser.Default.Parse(stream).Alert;
    }

    [Benchmark(Description = "Parse + CapValidator")]
    public bool ParseAndValidate()
    {
        using var stream = new MemoryStream(_bytes, writable: false);
        return CapValidator.Default.Validate(CapParser.Default.Parse(stream)).IsValid;
    }
}
