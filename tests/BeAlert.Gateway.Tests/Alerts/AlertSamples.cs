using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace BeAlert.Gateway.Tests.Alerts;

/// <summary>The CAP samples (copied to Samples/ next to the tests) and small helpers to post and read them.</summary>
internal static class AlertSamples
{
    public const string GentFire = "be-fire-gent-nl-fr.xml";
    public const string GentUpdate = "be-fire-gent-update.xml";
    public const string GentCancel = "be-fire-gent-cancel.xml";
    public const string AntwerpPower = "be-power-outage-antwerpen.xml";
    public const string RestrictedMayors = "be-restricted-mayors.xml";
    public const string NationalTest = "be-national-test-2026.xml";

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", name));

    public static string Text(string name) => Encoding.UTF8.GetString(Bytes(name));

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string xml, string contentType = "application/cap+xml") =>
        PostAsync(client, Encoding.UTF8.GetBytes(xml), contentType);

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] body, string contentType = "application/cap+xml")
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await client.PostAsync(new Uri("/api/alerts", UriKind.Relative), content);
    }

    public static async Task<long> PostSampleAsync(HttpClient client, string name)
    {
        using var response = await PostAsync(client, Bytes(name));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{name}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("alert").GetProperty("sequence").GetInt64();
    }

    public static async Task<JsonDocument> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());
}
