using System.Text;
using BeAlert.Benchmarks.Cap;
using BeAlert.Cap;
using BenchmarkDotNet.Attributes;

namespace BeAlert.Benchmarks.Rendering;

/// <summary>
/// Cutting the nl, fr and de SMS texts of the typical four-language alert into segments. Baseline: what a developer
/// writes today: a per-character search (<c>Contains</c>, an <c>IndexOf</c>) in the alphabet strings, an <see cref="Encoding"/> to count UCS-2 units,
/// and segments grown one character at a time. Ours: <see cref="SmsSegmenter.Segment"/> (table lookups, one substring
/// per segment) and <see cref="SmsSegmenter.CountSegments"/> (no allocation, what the length policy calls).
/// </summary>
[MemoryDiagnoser]
public class SmsSegmentationBenchmarks
{
    // The GSM 7-bit default alphabet without the escape code, and the extension table, as a naive implementation keeps them.
    private const string NaiveBasic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string NaiveExtension = "\f^{}\\[~]|€";

    private static readonly string[] Languages = ["nl", "fr", "de"];

    private string[] _texts = [];

    [GlobalSetup]
    public void Setup()
    {
        var alert = CapParser.Default.Parse(BenchmarkDocuments.Load(BenchmarkDocuments.Typical)).Alert;
        var renderer = new CapRenderer(new RenderOptions { SmsMaxSegments = SmsSegmenter.MaxSegments });
        _texts = [.. Languages.Select(language => renderer.RenderSms(alert, language).Text)];
        if (Naive() != Segment() || CountSegments() != Segment())
        {
            throw new InvalidOperationException("The naive and the real segmentation disagree.");
        }
    }

    [Benchmark(Baseline = true, Description = "naive string search + Encoding")]
    public int Naive()
    {
        var total = 0;
        foreach (var text in _texts)
        {
            total += NaiveSegments(text).Count;
        }

        return total;
    }

    [Benchmark(Description = "SmsSegmenter.Segment")]
    public int Segment()
    {
        var total = 0;
        foreach (var text in _texts)
        {
            total += SmsSegmenter.Segment(text).SegmentCount;
        }

        return total;
    }

    [Benchmark(Description = "SmsSegmenter.CountSegments")]
    public int CountSegments()
    {
        var total = 0;
        foreach (var text in _texts)
        {
            total += SmsSegmenter.CountSegments(text, out _);
        }

        return total;
    }

    private static List<string> NaiveSegments(string text)
    {
        var gsm = text.All(c => NaiveBasic.Contains(c, StringComparison.Ordinal) || NaiveExtension.Contains(c, StringComparison.Ordinal));
        var units = gsm
            ? text.Sum(c => NaiveExtension.Contains(c, StringComparison.Ordinal) ? 2 : 1)
            : Encoding.BigEndianUnicode.GetByteCount(text) / 2;
        var single = gsm ? 160 : 70;
        if (units <= single)
        {
            return [text];
        }

        var limit = gsm ? 153 : 67;
        var segments = new List<string>();
        var current = string.Empty;
        var used = 0;
        foreach (var c in text)
        {
            var cost = gsm && NaiveExtension.Contains(c, StringComparison.Ordinal) ? 2 : 1;
            if (used + cost > limit)
            {
                segments.Add(current);
                current = string.Empty;
                used = 0;
            }

            current += c;
            used += cost;
        }

        segments.Add(current);
        return segments;
    }
}
