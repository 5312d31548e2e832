using System.IO.Compression;
using System.Net;
using BeAlert.Gateway.Security;
using static BeAlert.Gateway.Tests.Alerts.AlertSamples;

namespace BeAlert.Gateway.Tests.Alerts;

/// <summary>
/// Feeds (vendor Atom/RSS, public Atom/GeoJSON) come gzip-compressed to clients that accept gzip: the same bytes once
/// decompressed, their own strong ETag (304 on it), <c>Vary: Accept-Encoding</c>; and the compressed bytes, cached with
/// the rendered feed, change when the active set changes.
/// </summary>
public sealed class FeedCompressionTests : IDisposable
{
    private readonly AlertsFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/api/feeds/atom", DemoKeyNames.Vendor)]
    [InlineData("/api/feeds/rss", DemoKeyNames.Vendor)]
    [InlineData("/api/public/alerts.atom", null)]
    [InlineData("/api/public/alerts.geojson", null)]
    public async Task Feed_AcceptGzip_SameBytesCompressed_WithTheirOwnETag(string path, string? keyName)
    {
        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        await PostSampleAsync(gent, GentFire);
        using (var second = await PostAsync(gent, SecondGentAlert()))
        {
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        }

        using var client = keyName is null ? _factory.CreateClient() : _factory.CreateClient(keyName);

        using var plain = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", plain.Headers.Vary);
        var plainBytes = await plain.Content.ReadAsByteArrayAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br;q=1.0, gzip;q=0.8");
        using var compressed = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal(["gzip"], compressed.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        Assert.Equal(plain.Content.Headers.ContentType, compressed.Content.Headers.ContentType);
        var gzipBytes = await compressed.Content.ReadAsByteArrayAsync();
        Assert.True(gzipBytes.Length < plainBytes.Length);
        Assert.Equal(plainBytes, Gunzip(gzipBytes));

        var plainTag = plain.Headers.ETag!;
        var gzipTag = compressed.Headers.ETag!;
        Assert.False(gzipTag.IsWeak);
        Assert.NotEqual(plainTag, gzipTag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        conditional.Headers.IfNoneMatch.Add(gzipTag);
        using var notModified = await client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        // The plain representation's ETag does not stand for the compressed one.
        using var crossed = new HttpRequestMessage(HttpMethod.Get, path);
        crossed.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        crossed.Headers.IfNoneMatch.Add(plainTag);
        using var full = await client.SendAsync(crossed);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
    }

    [Theory]
    [InlineData("gzip;q=0")]
    [InlineData("identity")]
    [InlineData("br")]
    [InlineData("*;q=1, gzip;q=0")]
    public async Task Feed_GzipNotAccepted_Plain(string acceptEncoding)
    {
        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        await PostSampleAsync(gent, GentFire);
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/public/alerts.geojson");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("BE-GENT-2026-0412", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feed_Gzip_ChangesWhenTheActiveSetChanges()
    {
        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        await PostSampleAsync(gent, GentFire);
        using var vendor = _factory.CreateClient(DemoKeyNames.Vendor);

        var (first, firstTag) = await GetGzipTextAsync(vendor);
        Assert.Contains("BE-GENT-2026-0412", first, StringComparison.Ordinal);
        Assert.DoesNotContain("BE-GENT-2026-0412-U1", first, StringComparison.Ordinal);

        await PostSampleAsync(gent, GentUpdate);
        var (second, secondTag) = await GetGzipTextAsync(vendor);
        Assert.Contains("BE-GENT-2026-0412-U1", second, StringComparison.Ordinal);
        Assert.NotEqual(firstTag, secondTag);
    }

    private static async Task<(string Text, string? ETag)> GetGzipTextAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/feeds/atom");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        return (System.Text.Encoding.UTF8.GetString(Gunzip(await response.Content.ReadAsByteArrayAsync())), response.Headers.ETag?.Tag);
    }

    /// <summary>A second Gent alert (another identifier), so the feeds hold more than one entry.</summary>
    private static string SecondGentAlert() => Text(GentFire).Replace("BE-GENT-2026-0412", "BE-GENT-2026-0413", StringComparison.Ordinal);

    private static byte[] Gunzip(byte[] bytes)
    {
        using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
