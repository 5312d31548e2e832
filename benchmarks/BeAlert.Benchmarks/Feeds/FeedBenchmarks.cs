using System.Xml.Linq;
using BeAlert.Benchmarks.Cap;
using BeAlert.Cap;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace BeAlert.Benchmarks.Feeds;

/// <summary>
/// An Atom feed of 1,000 alerts (the typical four-language alert, each embedded). Two groups, each with its own baseline:
/// <b>Write</b>: CapFeedWriter.WriteAtom against the naive way, an XDocument whose entries get each alert by writing it
/// to a string and parsing that back into an XElement; <b>Read</b>: CapFeedReader.Read (every alert parsed and
/// validated, positions mapped into the feed) against XDocument.Load plus CapParser/CapValidator on each content's
/// ToString() (no feed checks, positions relative to the re-serialised alert).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class FeedBenchmarks : IDisposable
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Cap = CapAlert.Namespace12;
    private readonly MemoryStream _output = new();
    private CapAlert[] _alerts = [];
    private CapFeedWriterOptions _options = null!;
    private byte[] _feed = [];

    [GlobalSetup]
    public void Setup()
    {
        var template = CapParser.Default.Parse(BenchmarkDocuments.Load(BenchmarkDocuments.Typical)).Alert;
        _alerts = [.. Enumerable.Range(0, 1000).Select(i => template with { Identifier = $"{template.Identifier}-{i:D4}", Sent = template.Sent.Value.AddSeconds(i) })];
        _options = new CapFeedWriterOptions
        {
            FeedId = "urn:uuid:6f7f2a0e-2b5d-4d8e-9a47-0d4c6f0b8f11",
            Title = "BE-Alert: alerts in force",
            AlertLink = a => new Uri("https://alerts.example.be/cap/" + a.Identifier + ".xml"),
            TimeProvider = TimeProvider.System,
            EmbedAlerts = true,
        };
        _feed = CapFeedWriter.WriteAtomToBytes(_alerts, _options);
    }

    public void Dispose()
    {
        _output.Dispose();
        GC.SuppressFinalize(this);
    }

    [BenchmarkCategory("Write"), Benchmark(Baseline = true, Description = "XDocument + alert string parse")]
    public long WriteNaive()
    {
        _output.SetLength(0);
        var feed = new XElement(
            Atom + "feed",
            new XAttribute(XNamespace.Xmlns + "cap", CapAlert.Namespace12),
            new XElement(Atom + "id", _options.FeedId),
            new XElement(Atom + "title", _options.Title),
            new XElement(Atom + "updated", DateTimeOffset.UnixEpoch.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var alert in _alerts.OrderByDescending(a => a.Sent.UtcValue))
        {
            var info = alert.Infos[0];
            var link = _options.AlertLink!(alert).AbsoluteUri;
            feed.Add(new XElement(
                Atom + "entry",
                new XElement(Atom + "id", link),
                new XElement(Atom + "title", info.Headline ?? info.Event),
                new XElement(Atom + "updated", alert.Sent.Value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture)),
                new XElement(Atom + "author", new XElement(Atom + "name", alert.Sender)),
                new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "application/cap+xml"), new XAttribute("href", link)),
                new XElement(Cap + "event", info.Event),
                new XElement(Cap + "urgency", info.Urgency.ToString()),
                new XElement(Cap + "severity", info.Severity.ToString()),
                new XElement(Cap + "certainty", info.Certainty.ToString()),
                new XElement(Cap + "effective", (info.Effective ?? alert.Sent).ToString()),
                new XElement(Cap + "areaDesc", string.Join("; ", info.Areas.Select(a => a.AreaDesc))),
                new XElement(Atom + "content", new XAttribute("type", "application/cap+xml"), XElement.Parse(CapWriter.WriteToString(alert)))));
        }

        new XDocument(feed).Save(_output);
        return _output.Length;
    }

    [BenchmarkCategory("Write"), Benchmark(Description = "CapFeedWriter.WriteAtom")]
    public long Write()
    {
        _output.SetLength(0);
        CapFeedWriter.WriteAtom(_alerts, _output, _options);
        return _output.Length;
    }

    [BenchmarkCategory("Read"), Benchmark(Baseline = true, Description = "XDocument.Load + parse each content")]
    public int ReadNaive()
    {
        var document = XDocument.Load(new MemoryStream(_feed));
        var errors = 0;
        foreach (var content in document.Root!.Elements(Atom + "entry").Elements(Atom + "content"))
        {
            var parsed = CapParser.Default.Parse(content.Elements().First().ToString());
            errors += CapValidator.Default.Validate(parsed).Errors.Count();
        }

        return errors;
    }

    [BenchmarkCategory("Read"), Benchmark(Description = "CapFeedReader.Read")]
    public int Read() => CapFeedReader.Default.Read(_feed).Diagnostics.Count;
}
