using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BeAlert.Dispatch.Smpp;
using BenchmarkDotNet.Attributes;

namespace BeAlert.Benchmarks.Smpp;

/// <summary>
/// Reading 1,000 SMSC delivery receipt texts (Appendix B form; half with hex ids and 10-digit dates, half decimal ids
/// and 12-digit dates). Baseline: what a developer writes today: decode the octets to a string and match one regular
/// expression per field. Ours: <see cref="DeliveryReceiptParser.TryParseText"/>, which scans the octets once.
/// </summary>
[MemoryDiagnoser]
public partial class DeliveryReceiptBenchmarks
{
    private byte[][] _receipts = [];

    [GlobalSetup]
    public void Setup()
    {
        _receipts = [.. Enumerable.Range(0, 1000).Select(i =>
        {
            var id = i % 2 == 0 ? (0x5F000000 + i).ToString("X8", CultureInfo.InvariantCulture) : (4_000_000_000L + i).ToString(CultureInfo.InvariantCulture);
            var date = i % 2 == 0 ? "2511260930" : "251126093015";
            return Encoding.ASCII.GetBytes($"id:{id} sub:001 dlvrd:001 submit date:{date} done date:{date} stat:DELIVRD err:000 text:BE-Alert test");
        })];
    }

    [Benchmark(Baseline = true)]
    public int RegexPerField()
    {
        var found = 0;
        foreach (var receipt in _receipts)
        {
            var text = Encoding.ASCII.GetString(receipt);
            var id = IdPattern().Match(text);
            var stat = StatPattern().Match(text);
            var done = DonePattern().Match(text);
            if (id.Success && stat.Success && done.Success &&
                DateTime.TryParseExact(done.Groups[1].Value, done.Groups[1].Value.Length == 10 ? "yyMMddHHmm" : "yyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            {
                found++;
            }
        }

        return found;
    }

    [Benchmark]
    public int Parser()
    {
        var found = 0;
        foreach (var receipt in _receipts)
        {
            if (DeliveryReceiptParser.TryParseText(receipt, out var parsed) && parsed.DoneAt is not null)
            {
                found++;
            }
        }

        return found;
    }

    [GeneratedRegex(@"id:(\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"stat:(\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex StatPattern();

    [GeneratedRegex(@"done date:(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex DonePattern();
}
