using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BeAlert.Gateway.Tests.Campaigns;

/// <summary>Helpers for the campaigns tests: JSON posts, sample alerts, waiting for reports, reading the sink file.</summary>
internal static class CampaignTestKit
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", name));

    public static string GentFire => Sample("be-fire-gent-nl-fr.xml");

    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    public static StringContent Json(string raw) => new(raw, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) => client.PostAsync(new Uri(url, UriKind.Relative), Json(body));

    public static object GentCampaign(IEnumerable<string>? channels = null, bool simulation = false, string? name = null) => new
    {
        capXml = GentFire,
        channels = channels ?? ["sms", "email"],
        audience = new { municipalities = new[] { 44021 } },
        name = name ?? "Gent fire",
        simulation,
    };

    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>Starts a campaign and returns its id (asserting 202 with a Location).</summary>
    public static async Task<(Guid Id, JsonObject Body)> StartAsync(HttpClient client, object body)
    {
        using var response = await client.PostJsonAsync("/api/campaigns", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
        var json = JsonNode.Parse(text)!.AsObject();
        var id = Guid.Parse(json["id"]!.GetValue<string>());
        Assert.Equal($"/api/campaigns/{id:D}", response.Headers.Location!.OriginalString);
        return (id, json);
    }

    /// <summary>Polls the report until the campaign ends (409 meanwhile); bounded by <see cref="Patience"/>.</summary>
    public static async Task<JsonObject> WaitForReportAsync(HttpClient client, Guid id)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            using var response = await client.GetAsync(new Uri($"/api/campaigns/{id:D}/report", UriKind.Relative), timeout.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.ReadObjectAsync();
            }

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>Waits until the campaign's stored status is no longer Running.</summary>
    public static async Task<JsonObject> WaitForStatusAsync(HttpClient client, Guid id)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            using var response = await client.GetAsync(new Uri($"/api/campaigns/{id:D}", UriKind.Relative), timeout.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var json = await response.ReadObjectAsync();
            if (json["status"]!.GetValue<string>() != "Running")
            {
                return json;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    public static long Sum(JsonObject report, string field) =>
        report["channels"]!.AsArray().Sum(c => c![field]!.GetValue<long>());

    /// <summary>The sink file's lines: campaign, sequence, channel, recipient.</summary>
    public static IReadOnlyList<(Guid Campaign, long Sequence, string Channel, string Recipient)> SinkLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = new List<(Guid, long, string, string)>();
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split('\t');
            Assert.Equal(4, parts.Length);
            lines.Add((Guid.Parse(parts[0]), long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2], parts[3]));
        }

        return lines;
    }
}
