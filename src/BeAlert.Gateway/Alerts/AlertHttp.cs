using System.Buffers;
using BeAlert.Cap;
using BeAlert.Cap.Geo;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace BeAlert.Gateway.Alerts;

/// <summary>HTTP helpers shared by the alert, feed and public endpoints: bounded body reads, ETags, feed rendering.</summary>
internal static class AlertHttp
{
    public const string AtomType = "application/atom+xml; charset=utf-8";
    public const string RssType = "application/rss+xml; charset=utf-8";
    public const string GeoJsonType = "application/geo+json";

    /// <summary>Reads the body, refusing (null) as soon as it passes <paramref name="limit"/> bytes; a Content-Length above the limit is refused before reading.</summary>
    public static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + 1L;
        }

        using var buffer = new MemoryStream((int)Math.Min(request.ContentLength ?? 16 * 1024, limit));
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    /// <summary>Whether the request's If-None-Match names <paramref name="etag"/> (or is <c>*</c>).</summary>
    public static bool NotModified(HttpRequest request, string etag)
    {
        foreach (var value in request.Headers.IfNoneMatch)
        {
            if (value is null)
            {
                continue;
            }

            foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (part == "*" || string.Equals(part.StartsWith("W/", StringComparison.Ordinal) ? part[2..] : part, etag, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Answers with cached bytes and their ETag, or 304 when the client has them.</summary>
    public static IResult Cached(HttpContext context, byte[] bytes, string etag, string contentType, string cacheControl)
    {
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = cacheControl;
        return NotModified(context.Request, etag) ? Results.StatusCode(StatusCodes.Status304NotModified) : Results.Bytes(bytes, contentType);
    }

    /// <summary>
    /// Answers with a rendered feed: its gzip bytes (<c>Content-Encoding: gzip</c>, their own ETag) when the client
    /// accepts gzip and they are smaller, else the plain bytes; 304 when the client has the representation it would get.
    /// The compressed bytes are cached with the feed, so compression costs nothing per request.
    /// </summary>
    public static IResult Cached(HttpContext context, RenderedFeed feed, string contentType, string cacheControl)
    {
        context.Response.Headers.Vary = "Accept-Encoding";
        if (AcceptsGzip(context.Request) && feed.Gzip.Length < feed.Bytes.Length)
        {
            context.Response.Headers.ETag = feed.GzipETag;
            context.Response.Headers.CacheControl = cacheControl;
            if (NotModified(context.Request, feed.GzipETag))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            context.Response.Headers.ContentEncoding = "gzip";
            return Results.Bytes(feed.Gzip, contentType);
        }

        return Cached(context, feed.Bytes, feed.ETag, contentType, cacheControl);
    }

    /// <summary>Whether Accept-Encoding admits gzip (named or <c>*</c>, with a non-zero quality).</summary>
    public static bool AcceptsGzip(HttpRequest request)
    {
        var header = request.Headers.AcceptEncoding;
        if (header.Count == 0 || !StringWithQualityHeaderValue.TryParseList(header, out var codings))
        {
            return false;
        }

        double? gzip = null, any = null;
        foreach (var coding in codings)
        {
            if (coding.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase))
            {
                gzip = coding.Quality ?? 1;
            }
            else if (coding.Value.Equals("*", StringComparison.Ordinal))
            {
                any = coding.Quality ?? 1;
            }
        }

        return (gzip ?? any ?? 0) > 0;
    }

    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>An Atom or RSS index of the alerts, each linking to its CAP XML under <paramref name="alertPath"/>.</summary>
    public static byte[] RenderFeed(IEnumerable<StoredAlert> alerts, CapFeedFormat format, string baseUrl, string feedPath, string alertPath, string title, TimeProvider time)
    {
        var options = new CapFeedWriterOptions
        {
            FeedId = baseUrl + feedPath,
            Title = title,
            SelfLink = new Uri(baseUrl + feedPath),
            AlertLink = a => new Uri(baseUrl + alertPath + Uri.EscapeDataString(a.Identifier)),
            TimeProvider = time,
            Indent = false,
        };
        var list = alerts.Select(a => a.Alert);
        return format == CapFeedFormat.Rss ? CapFeedWriter.WriteRssToBytes(list, options) : CapFeedWriter.WriteAtomToBytes(list, options);
    }

    public static byte[] RenderGeoJson(IEnumerable<StoredAlert> alerts)
    {
        var collection = CapGeoJson.ToFeatureCollection(alerts.Select(a => a.Alert));
        using var stream = new MemoryStream();
        CapGeoJson.Write(collection, stream);
        return stream.ToArray();
    }

    /// <summary>A strong ETag for immutable bytes.</summary>
    public static string ETagOf(long sequence, ReadOnlySpan<byte> bytes) =>
        $"\"{sequence}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..16]}\"";

    public static IResult Problem(int status, string title, string detail, Dictionary<string, object?>? extensions = null) =>
        Results.Problem(statusCode: status, title: title, detail: detail, extensions: extensions);

    public static bool IsCapMediaType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Value is { } media
        && (media.Equals("application/cap+xml", StringComparison.OrdinalIgnoreCase)
            || media.Equals("application/xml", StringComparison.OrdinalIgnoreCase)
            || media.Equals("text/xml", StringComparison.OrdinalIgnoreCase));
}
