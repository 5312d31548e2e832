using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using BeAlert.Cap;

namespace BeAlert.Benchmarks.Cap;

/// <summary>
/// One-off measurements of a CAP document's parse in one process, by thread CPU time (not wall time: the machines
/// these run on are shared), in interleaved rounds so that a change of load hits every candidate alike.
/// <list type="bullet">
/// <item><c>cap-floors [size] [rounds]</c>: the floors of a parse, from a bare scan of the bytes up to parse + validate,
/// with the XDocument + XSD baseline.</item>
/// <item><c>cap-ab old.dll new.dll [size] [rounds]</c>: parse + validate with two builds of BeAlert.Cap.dll, each in its
/// own load context, alternating windows; prints new/old per round and the median.</item>
/// </list>
/// </summary>
public static class ParseFloors
{
    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private static long ThreadCpuNanoseconds()
    {
        if (ClockGetTime(ClockThreadCpuTime, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
        }

        return (time.Seconds * 1_000_000_000) + time.Nanoseconds;
    }

    public static int RunFloors(string[] args)
    {
        var size = args.Length > 0 ? args[0] : BenchmarkDocuments.Typical;
        var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15;
        var bytes = BenchmarkDocuments.Load(size);
        var schema = BenchmarkDocuments.LoadSchema();
        var candidates = new (string Name, Func<int> Run)[]
        {
            ("bare scan ('<' and '>')", () => BareScan(bytes)),
            ("System.Xml XmlReader, every node", () => SystemXmlReader(bytes)),
            ("CapUtf8XmlReader, every node", () => CapReader(bytes, positions: false)),
            ("  + line/column of every node", () => CapReader(bytes, positions: true)),
            ("CapParser.Parse", () => CapParser.Default.Parse(bytes).Alert.Infos.Count),
            ("Parse + CapValidator", () => CapValidator.Default.Validate(CapParser.Default.Parse(bytes)).IsValid ? 1 : 0),
            ("Validate only (parsed once)", ValidateOnly(bytes)),
            ("XDocument + XSD (baseline)", () => XDocumentWithXsd(bytes, schema)),
        };
        var results = Interleave(candidates.Select(c => c.Run).ToArray(), rounds);
        var baseline = Median(results[^1]);
        Console.WriteLine($"{size} ({bytes.Length} bytes), {rounds} interleaved rounds of ~20 ms thread CPU each after 3 × 300 ms of warm-up; median ns per operation, ratio to the baseline");
        for (var i = 0; i < candidates.Length; i++)
        {
            var median = Median(results[i]);
            Console.WriteLine($"  {candidates[i].Name,-36} {median,10:N0} ns  {median / baseline,5:F2}  (min {results[i].Min(),10:N0})");
        }

        return 0;
    }

    /// <summary><c>cap-loop [size] [seconds]</c>: parse + validate in a loop, for a sampling profiler.</summary>
    public static int RunLoop(string[] args)
    {
        var bytes = BenchmarkDocuments.Load(args.Length > 0 ? args[0] : BenchmarkDocuments.Typical);
        var seconds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var n = 0L;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 1000; i++)
            {
                n += CapValidator.Default.Validate(CapParser.Default.Parse(bytes)).IsValid ? 1 : 0;
            }
        }

        Console.WriteLine($"{n} parses");
        return 0;
    }

    /// <summary>
    /// <c>cap-points [rounds]</c>: the large alert's polygon texts read into points by the scalar reader and by each
    /// block reader the machine has (interleaved, thread CPU time); ns per point and ratio to the scalar reader.
    /// </summary>
    public static int RunPoints(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 15;
        var document = System.Text.Encoding.UTF8.GetString(BenchmarkDocuments.Load(BenchmarkDocuments.Large));
        var texts = System.Text.RegularExpressions.Regex.Matches(document, "<polygon>([^<]*)</polygon>", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(10))
            .Select(m => System.Text.Encoding.UTF8.GetBytes(m.Groups[1].Value))
            .ToArray();
        var points = texts.Select(t => new CapPoint[t.Count(b => b == (byte)',')]).ToArray();
        var total = points.Sum(p => p.Length);
        var kinds = new[] { CapPointBlockKind.None, CapPointBlockKind.Avx2, CapPointBlockKind.Avx512 }
            .Where(k => k == CapPointBlockKind.None || CapPointBlocks.IsSupportedOn(k))
            .ToArray();
        var candidates = kinds.Select(kind => (Func<int>)(() =>
        {
            var read = 0;
            for (var i = 0; i < texts.Length; i++)
            {
                read += CapPointText.ReadPoints(texts[i], points[i], kind, out _);
            }

            return read == total ? 1 : throw new InvalidOperationException($"{kind} read {read} of {total} points.");
        })).ToArray();
        var results = Interleave(candidates, rounds);
        var scalar = Median(results[0]);
        Console.WriteLine($"{texts.Length} polygons of the large alert, {total:N0} points, {rounds} interleaved rounds; median ns per point, ratio to the scalar reader");
        for (var i = 0; i < kinds.Length; i++)
        {
            var median = Median(results[i]);
            Console.WriteLine($"  {kinds[i],-8} {median / total,7:F2} ns  {median / scalar,5:F3}");
        }

        return 0;
    }

    public static int RunAb(string[] args)
    {
        var oldPath = Path.GetFullPath(args[0]);
        var newPath = Path.GetFullPath(args[1]);
        var size = args.Length > 2 ? args[2] : BenchmarkDocuments.Typical;
        var rounds = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 40;
        var bytes = BenchmarkDocuments.Load(size);
        var oldRun = LoadParseAndValidate(oldPath, bytes);
        var newRun = LoadParseAndValidate(newPath, bytes);
        var results = Interleave([oldRun, newRun], rounds);
        var ratios = results[0].Zip(results[1], (o, n) => n / o).ToArray();
        Console.WriteLine($"{size}: old {Median(results[0]):N0} ns, new {Median(results[1]):N0} ns per parse + validate; new/old median {Median(ratios):F3} (quartiles {Quantile(ratios, 0.25):F3}–{Quantile(ratios, 0.75):F3}, {rounds} pairs)");
        return 0;
    }

    private static Func<int> LoadParseAndValidate(string path, byte[] bytes)
    {
        var context = new AssemblyLoadContext(path, isCollectible: false);
        var assembly = context.LoadFromAssemblyPath(path);
        var parserType = assembly.GetType("BeAlert.Cap.CapParser", throwOnError: true)!;
        var validatorType = assembly.GetType("BeAlert.Cap.CapValidator", throwOnError: true)!;
        var parser = parserType.GetProperty("Default", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        var validator = validatorType.GetProperty("Default", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        var parse = parserType.GetMethod("Parse", [typeof(byte[])])!;
        var documentType = parse.ReturnType;
        var validate = validatorType.GetMethods().Single(m => m.Name == "Validate" && m.GetParameters() is [{ } p] && p.ParameterType == documentType);
        var isValid = validate.ReturnType.GetProperty("IsValid")!;

        // Compiled delegates, so that reflection costs the same (nothing) on both sides.
        var parseDelegate = parse.CreateDelegate(typeof(Func<,>).MakeGenericType(typeof(byte[]), documentType), parser);
        var validateDelegate = validate.CreateDelegate(typeof(Func<,>).MakeGenericType(documentType, validate.ReturnType), validator);
        var p = System.Linq.Expressions.Expression.Parameter(typeof(byte[]));
        var body = System.Linq.Expressions.Expression.Condition(
            System.Linq.Expressions.Expression.Property(
                System.Linq.Expressions.Expression.Invoke(System.Linq.Expressions.Expression.Constant(validateDelegate), System.Linq.Expressions.Expression.Invoke(System.Linq.Expressions.Expression.Constant(parseDelegate), p)),
                isValid),
            System.Linq.Expressions.Expression.Constant(1),
            System.Linq.Expressions.Expression.Constant(0));
        var run = System.Linq.Expressions.Expression.Lambda<Func<byte[], int>>(body, p).Compile();
        if (run(bytes) != 1)
        {
            throw new InvalidOperationException($"{path} does not find the document valid.");
        }

        return () => run(bytes);
    }

    /// <summary>Alternates ~20 ms windows of each candidate; returns ns per operation per round and candidate.</summary>
    private static double[][] Interleave(Func<int>[] candidates, int rounds)
    {
        var results = candidates.Select(_ => new double[rounds]).ToArray();
        var batch = new int[candidates.Length];
        // Warm up in turns (tier-1 code for every candidate, even when the tiering thread is starved by load), then size
        // a batch to ~20 ms of this thread's CPU.
        for (var pass = 0; pass < 3; pass++)
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                var start = ThreadCpuNanoseconds();
                var n = 0;
                while (ThreadCpuNanoseconds() - start < 300_000_000)
                {
                    candidates[i]();
                    n++;
                }

                batch[i] = Math.Max(1, (int)(n * 20L / 300));
                Thread.Sleep(50);
            }
        }

        var sink = 0;
        for (var r = 0; r < rounds; r++)
        {
            for (var k = 0; k < candidates.Length; k++)
            {
                var i = (r % 2 == 0) ? k : candidates.Length - 1 - k;
                var run = candidates[i];
                var start = ThreadCpuNanoseconds();
                for (var j = 0; j < batch[i]; j++)
                {
                    sink += run();
                }

                results[i][r] = (ThreadCpuNanoseconds() - start) / (double)batch[i];
            }
        }

        GC.KeepAlive(sink);
        return results;
    }

    private static double Median(double[] values) => Quantile(values, 0.5);

    private static double Quantile(double[] values, double q)
    {
        var sorted = values.Order().ToArray();
        var at = q * (sorted.Length - 1);
        var low = (int)Math.Floor(at);
        var high = Math.Min(sorted.Length - 1, low + 1);
        return sorted[low] + ((sorted[high] - sorted[low]) * (at - low));
    }

    private static int BareScan(byte[] bytes)
    {
        var span = bytes.AsSpan();
        var count = 0;
        while (true)
        {
            var at = span.IndexOfAny((byte)'<', (byte)'>');
            if (at < 0)
            {
                return count;
            }

            count++;
            span = span[(at + 1)..];
        }
    }

    private static readonly XmlReaderSettings SystemXmlSettings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true };

    private static int SystemXmlReader(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = XmlReader.Create(stream, SystemXmlSettings);
        var count = 0;
        while (reader.Read())
        {
            count += reader.NodeType == XmlNodeType.Text ? reader.Value.Length : 1;
        }

        return count;
    }

    [ThreadStatic]
    private static CapUtf8XmlReader? t_reader;

    private static int CapReader(byte[] bytes, bool positions)
    {
        var reader = t_reader ??= new CapUtf8XmlReader(bytes);
        reader.Reset(bytes);
        var count = 0;
        while (reader.Read())
        {
            count += reader.NodeType == CapXmlNodeType.Text ? reader.Value.Length : positions ? reader.LineNumber : 1;
        }

        reader.Release();

        return count;
    }

    private static Func<int> ValidateOnly(byte[] bytes)
    {
        var document = CapParser.Default.Parse(bytes);
        return () => CapValidator.Default.Validate(document).IsValid ? 1 : 0;
    }

    private static int XDocumentWithXsd(byte[] bytes, XmlSchemaSet schema)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        var document = XDocument.Load(XmlReader.Create(stream, SystemXmlSettings));
        var errors = 0;
        document.Validate(schema, (_, _) => errors++);
        return errors;
    }
}
