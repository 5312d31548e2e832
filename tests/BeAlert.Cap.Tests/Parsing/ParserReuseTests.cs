using System.Text;

namespace BeAlert.Cap.Tests.Parsing;

/// <summary>
/// The parser keeps one session per thread (frames, buffers, a table of short values) and reuses it. Nothing of one
/// parse may reach the next: after a parse that failed half-way, a lenient parse full of repairs and a large one, every
/// corpus file must read exactly as it does on a thread that never parsed anything.
/// </summary>
public sealed class ParserReuseTests
{
    public static TheoryData<string> CorpusFiles =>
        [.. new[] { Corpus.Corpus.Samples, Path.Combine(Corpus.Corpus.TestData, "invalid"), Path.Combine(Corpus.Corpus.TestData, "lenient"), Path.Combine(Corpus.Corpus.TestData, "versions") }
            .SelectMany(Corpus.Corpus.Files)];

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Parse_AfterOtherParsesOnTheSameThread_MatchesAFreshThread(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var fresh = OnFreshThread(() => Describe(bytes));

        DirtyThisThread();
        var reused = Describe(bytes);

        Assert.Equal(fresh.Text, reused.Text);
        if (fresh.Alert is not null)
        {
            Assert.Equal(fresh.Alert, reused.Alert);
        }
    }

    [Fact]
    public void ValueCache_SameAsciiValue_ReturnsOneInstance()
    {
        var cache = new CapValueCache();

        var first = cache.GetOrAdd("Immediate"u8);
        var second = cache.GetOrAdd(Encoding.UTF8.GetBytes("Immediate"));

        Assert.Equal("Immediate", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void ValueCache_ManyDistinctValues_EachReadsBackExactly()
    {
        var cache = new CapValueCache();
        var values = Enumerable.Range(0, 5000).Select(i => $"44{i:D3}-{i % 7}").ToList();

        foreach (var value in values.Concat(values))
        {
            Assert.Equal(value, cache.GetOrAdd(Encoding.UTF8.GetBytes(value)));
        }
    }

    [Theory]
    [InlineData("Liège")]
    [InlineData("Überschwemmung im Gebiet")]
    [InlineData("")]
    public void ValueCache_NonAsciiOrEmpty_DecodesWithoutKeeping(string value)
    {
        var cache = new CapValueCache();
        var bytes = Encoding.UTF8.GetBytes(value);

        var first = cache.GetOrAdd(bytes);
        var second = cache.GetOrAdd(bytes);

        Assert.Equal(value, first);
        Assert.Equal(value, second);
        if (value.Length > 0)
        {
            Assert.NotSame(first, second);
        }
    }

    /// <summary>The slot hash reads words, not every byte: values that differ in any single byte still read back
    /// exactly, at every length the cache keeps.</summary>
    [Fact]
    public void ValueCache_ValuesDifferingInOneByte_ReadBackExactlyAtEveryLengthAndPosition()
    {
        var cache = new CapValueCache();
        for (var length = 1; length <= CapValueCache.MaxLength; length++)
        {
            var plain = new string('a', length);
            for (var at = 0; at < length; at++)
            {
                var changed = string.Concat(plain.AsSpan(0, at), "b", plain.AsSpan(at + 1));
                Assert.Equal(plain, cache.GetOrAdd(Encoding.ASCII.GetBytes(plain)));
                Assert.Equal(changed, cache.GetOrAdd(Encoding.ASCII.GetBytes(changed)));
                Assert.Equal(plain, cache.GetOrAdd(Encoding.ASCII.GetBytes(plain)));
            }
        }
    }

    /// <summary>Links to one site that differ in a few inner characters (one per language) are kept side by side.</summary>
    [Fact]
    public void ValueCache_OneSitesLinksInFourLanguages_AreAllKept()
    {
        var cache = new CapValueCache();
        string[] links =
        [
            "https://www.be-alert.be/nl/brand-gent", "https://www.be-alert.be/fr/incendie-gand",
            "https://www.be-alert.be/de/brand-gent", "https://www.be-alert.be/en/fire-ghent",
        ];
        var first = links.Select(link => cache.GetOrAdd(Encoding.ASCII.GetBytes(link))).ToArray();

        for (var i = 0; i < links.Length; i++)
        {
            Assert.Same(first[i], cache.GetOrAdd(Encoding.ASCII.GetBytes(links[i])));
        }
    }

    [Fact]
    public void ValueCache_LongerThanTheLimit_IsNotKept()
    {
        var cache = new CapValueCache();
        var bytes = Encoding.ASCII.GetBytes(new string('x', CapValueCache.MaxLength + 1));

        Assert.NotSame(cache.GetOrAdd(bytes), cache.GetOrAdd(bytes));
    }

    [Fact]
    public void ListCollector_Build_HasExactlyTheItemsInOrderAndStartsOver()
    {
        var collector = default(CapListCollector<string>);
        for (var i = 0; i < 37; i++)
        {
            collector.Add("item" + i);
        }

        var list = collector.Build();

        Assert.Equal(Enumerable.Range(0, 37).Select(i => "item" + i), list);
        Assert.Equal(0, collector.Count);
        Assert.Same(EquatableList<string>.Empty, collector.Build());
    }

    private static void DirtyThisThread()
    {
        var large = File.ReadAllBytes(Path.Combine(Corpus.Corpus.Samples, "be-large-polygons.xml"));

        // Fails in the middle of a polygon, with frames open and the value buffer in use.
        Assert.False(CapParser.Default.TryParse(new MemoryStream(large[..(large.Length / 2)]), out _, out _));

        // Fails with prefixes bound, attributes read and elements open (the thread's UTF-8 reader is reused next time).
        Assert.False(CapParser.Default.TryParse(
            "<c:alert xmlns:c='urn:oasis:names:tc:emergency:cap:1.2' xmlns:x='urn:x' x:a='1'><c:identifier>x</c:identifier><c:sender xmlns:d='urn:d'>s",
            out _,
            out _));

        // Many repairs and diagnostics, then a complete large document.
        foreach (var file in Corpus.Corpus.Files(Path.Combine(Corpus.Corpus.TestData, "lenient")))
        {
            using var stream = File.OpenRead(file);
            _ = CapParser.Lenient.TryParse(stream, out _, out _);
        }

        CapParser.Default.Parse(large);
    }

    private static (string Text, CapAlert? Alert) Describe(byte[] bytes)
    {
        var text = new StringBuilder();
        CapAlert? alert = null;
        foreach (var parser in new[] { CapParser.Default, CapParser.Lenient })
        {
            if (parser.TryParse(new MemoryStream(bytes), out var document, out var error))
            {
                alert ??= document.Alert;
                text.AppendLine($"{document.Version} {document.Alert.Identifier} infos={document.Alert.Infos.Count}");
                foreach (var d in CapValidator.Default.Validate(document).Diagnostics)
                {
                    text.AppendLine($"{d.Code} {d.Severity} {d.Path} {d.Line}:{d.Column} {d.Message}");
                }
            }
            else
            {
                text.AppendLine($"{error.Code} {error.Path} {error.Line}:{error.Column} {error.Message}");
            }
        }

        return (text.ToString(), alert);
    }

    private static T OnFreshThread<T>(Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? result : throw new InvalidOperationException("The fresh thread failed.", failure);
    }
}
