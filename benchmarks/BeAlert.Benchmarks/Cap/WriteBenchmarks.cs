using System.Xml.Linq;
using BeAlert.Cap;
using BenchmarkDotNet.Attributes;

namespace BeAlert.Benchmarks.Cap;

/// <summary>Writing one alert as XML. Baseline: saving the equivalent XDocument.</summary>
[MemoryDiagnoser]
public class WriteBenchmarks : IDisposable
{
    private CapAlert _alert = null!;
    private XDocument _document = null!;
    private readonly MemoryStream _output = new();

    [Params(BenchmarkDocuments.Small, BenchmarkDocuments.Typical, BenchmarkDocuments.Large)]
    public string Size { get; set; } = BenchmarkDocuments.Typical;

    [GlobalSetup]
    public void Setup()
    {
        var bytes = BenchmarkDocuments.Load(Size);
        _alert = CapParser.Default.Parse(bytes).Alert;
        _document = XDocument.Load(new MemoryStream(bytes));
    }

    public void Dispose()
    {
        _output.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "XDocument.Save")]
    public long XDocumentSave()
    {
        _output.SetLength(0);
        _document.Save(_output);
        return _output.Length;
    }

    [Benchmark(Description = "CapWriter.Write")]
    public long Write()
    {
        _output.SetLength(0);
        CapWriter.Write(_alert, _output);
        return _output.Length;
    }
}
