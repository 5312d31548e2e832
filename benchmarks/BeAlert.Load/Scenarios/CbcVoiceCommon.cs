using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace BeAlert.Load.Scenarios;

/// <summary>What the <c>cbc</c> and <c>voice</c> scenarios share: the loopback rule for peer URLs and latency summaries.</summary>
internal static class CbcVoiceCommon
{
    /// <summary>
    /// Checks a peer URL: absolute http(s), and on 127.0.0.1 (or another loopback address, or <c>localhost</c>) unless
    /// <paramref name="allowRemote"/>. Returns the problem, or <see langword="null"/> when the URL may be used.
    /// </summary>
    public static string? CheckUrl(string option, string? text, bool allowRemote)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return $"{option} must be an absolute http or https URL (it is '{text}').";
        }

        if (!allowRemote && !IsLoopback(uri))
        {
            return $"{option} {uri.Host} is not a loopback address: load runs talk only to 127.0.0.1 unless --allow-remote is given (and the peer's owner agreed).";
        }

        return null;
    }

    /// <summary>Whether a URL's host is a loopback address or <c>localhost</c>.</summary>
    public static bool IsLoopback(Uri uri) =>
        string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>The value at quantile <paramref name="q"/> (0 to 1) of sorted values (nearest rank), or 0 when empty.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(q * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>count, per_s over <paramref name="elapsedSeconds"/>, p50/p99/max latency in ms, as a JSON object.</summary>
    public static JsonObject Summary(List<double> latenciesMs, long ok, double elapsedSeconds)
    {
        latenciesMs.Sort();
        return new JsonObject
        {
            ["count"] = latenciesMs.Count,
            ["ok"] = ok,
            ["per_s"] = elapsedSeconds > 0 ? Math.Round(latenciesMs.Count / elapsedSeconds, 1) : 0,
            ["p50_ms"] = Math.Round(Percentile(latenciesMs, 0.50), 2),
            ["p99_ms"] = Math.Round(Percentile(latenciesMs, 0.99), 2),
            ["max_ms"] = Math.Round(latenciesMs.Count == 0 ? 0 : latenciesMs[^1], 2),
        };
    }

    /// <summary>A short one-line form of a failure reason, for grouping errors.</summary>
    public static string Reason(string operation, object error, string? reason)
    {
        var text = reason ?? string.Empty;
        text = text.Length <= 80 ? text : text[..80];
        return string.Create(CultureInfo.InvariantCulture, $"{operation}: {error}: {text}");
    }
}
