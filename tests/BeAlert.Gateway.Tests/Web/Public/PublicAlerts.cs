using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace BeAlert.Gateway.Tests.Web.Public;

/// <summary>Fresh copies of the CAP samples (new identifier, times around now) and helpers to post and cancel them.</summary>
internal static partial class PublicAlerts
{
    public const string GentFire = "be-fire-gent-nl-fr.xml";
    public const string NationalTest = "be-national-test-2026.xml";

    /// <summary>A sample with a fresh identifier, sent a minute ago, effective now and expiring in six hours.</summary>
    public static FreshAlert Fresh(string sample, string? circle = null)
    {
        var now = TimeProvider.System.GetUtcNow();
        var identifier = "W1-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var sent = Cap(now.AddMinutes(-1));
        var xml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", sample));
        xml = IdentifierElement().Replace(xml, $"<identifier>{identifier}</identifier>", 1);
        xml = SentElement().Replace(xml, $"<sent>{sent}</sent>", 1);
        xml = EffectiveElement().Replace(xml, $"<effective>{Cap(now.AddMinutes(-1))}</effective>");
        xml = ExpiresElement().Replace(xml, $"<expires>{Cap(now.AddHours(6))}</expires>");
        if (circle is not null)
        {
            xml = PolygonElement().Replace(xml, $"<circle>{circle}</circle>");
        }

        var sender = SenderElement().Match(xml).Groups[1].Value;
        return new FreshAlert(identifier, sender, sent, Encoding.UTF8.GetBytes(xml));
    }

    /// <summary>A Cancel of <paramref name="alert"/> (from the Gent cancel sample).</summary>
    public static byte[] CancelOf(FreshAlert alert)
    {
        var now = TimeProvider.System.GetUtcNow();
        var xml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "be-fire-gent-cancel.xml"));
        xml = IdentifierElement().Replace(xml, $"<identifier>{alert.Identifier}-C</identifier>", 1);
        xml = SentElement().Replace(xml, $"<sent>{Cap(now)}</sent>", 1);
        xml = ReferencesElement().Replace(xml, $"<references>{alert.Sender},{alert.Identifier},{alert.Sent}</references>", 1);
        xml = ExpiresElement().Replace(xml, $"<expires>{Cap(now.AddHours(1))}</expires>");
        return Encoding.UTF8.GetBytes(xml);
    }

    public static async Task PostAsync(HttpClient client, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/cap+xml");
        using var response = await client.PostAsync(new Uri("/api/alerts", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{(int)response.StatusCode} {text}");
    }

    /// <summary>CAP time: explicit offset, UTC written "-00:00".</summary>
    private static string Cap(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "-00:00";

    [GeneratedRegex("<identifier>[^<]*</identifier>")]
    private static partial Regex IdentifierElement();

    [GeneratedRegex("<sent>[^<]*</sent>")]
    private static partial Regex SentElement();

    [GeneratedRegex("<effective>[^<]*</effective>")]
    private static partial Regex EffectiveElement();

    [GeneratedRegex("<expires>[^<]*</expires>")]
    private static partial Regex ExpiresElement();

    [GeneratedRegex("<references>[^<]*</references>")]
    private static partial Regex ReferencesElement();

    [GeneratedRegex("<polygon>[^<]*</polygon>")]
    private static partial Regex PolygonElement();

    [GeneratedRegex("<sender>([^<]*)</sender>")]
    private static partial Regex SenderElement();
}

internal sealed record FreshAlert(string Identifier, string Sender, string Sent, byte[] Bytes);
