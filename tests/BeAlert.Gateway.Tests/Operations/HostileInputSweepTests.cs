using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using BeAlert.Gateway.Security;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BeAlert.Gateway.Tests.Operations;

/// <summary>The gateway for the sweep: small body limits (fast oversized bodies), no rate limit in the way.</summary>
public sealed class SweepFactory : GatewayFactory
{
    public const int AlertLimit = 64 * 1024;
    public const int JsonLimit = 16 * 1024;
    public const int CsvLimit = 64 * 1024;

    public SweepFactory()
    {
        Settings["BeAlert:Limits:MaxAlertBytes"] = AlertLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["BeAlert:Limits:MaxJsonBytes"] = JsonLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["BeAlert:Limits:MaxCsvBytes"] = CsvLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["BeAlert:Limits:RequestsPerSecondPerKey"] = "1000000";
    }
}

/// <summary>
/// Every endpoint the app maps (read from its EndpointDataSource, so other modules' endpoints are covered as they
/// are added) gets hostile requests: no key, malformed, unknown and wrong-role keys, wrong content types, oversized
/// and malformed bodies, absurd path ids. Every answer must be a 4xx with a ProblemDetails body (or a 2xx where that
/// is legitimate), never a 5xx.
/// </summary>
public sealed partial class HostileInputSweepTests(SweepFactory factory, ITestOutputHelper output) : IClassFixture<SweepFactory>
{
    private static readonly string[] BodyMethods = ["POST", "PUT", "PATCH"];

    // %00 itself is refused by the test server's client before it is sent; GatewayProcessTests sends it to Kestrel.
    private static readonly string[] AbsurdIds = [new string('9', 10_000), "..%2F..%2F..%2Fetc%2Fpasswd", "%2500", "%01", "..", "-1", "99999999999999999999999", "%E2%80%AE", "' OR 1=1 --"];

    [Fact]
    public async Task EveryEndpoint_WithoutOrWithBadKeys_Gets401Or403Problem_Never5xx()
    {
        var endpoints = Endpoints();
        var failures = new List<string>();
        foreach (var e in endpoints)
        {
            foreach (var (label, key) in new (string, string?)[]
            {
                ("no key", null),
                ("malformed key", "bea_tooshort"),
                ("garbage key", "Basic dXNlcjpwYXNz"),
                ("unknown key", AccessKeyFormat.NewKey()),
            })
            {
                var response = await SendAsync(e, e.Path(NonexistentId), key, null, null);
                var expected = e.RequiresKey ? new[] { 401 } : null;
                Expect(failures, e, label, response, expected);
            }

            if (e.WrongRoleKey is { } wrong)
            {
                var response = await SendAsync(e, e.Path(NonexistentId), GatewayFactory.Keys[wrong], null, null);
                Expect(failures, e, "wrong-role key " + wrong, response, [403]);
            }
        }

        output.WriteLine($"{endpoints.Count} endpoints swept");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task EveryBodyEndpoint_WithHostileBodies_GetsA4xxProblem_Never5xx()
    {
        var failures = new List<string>();
        var endpoints = Endpoints().Where(e => BodyMethods.Contains(e.Method)).ToList();
        foreach (var e in endpoints)
        {
            var key = e.RightKey is { } name ? GatewayFactory.Keys[name] : null;
            var path = e.Path(NonexistentId);
            var limit = e.BodyLimit;
            var cases = new (string Label, string ContentType, byte[] Body, int[]? Expected)[]
            {
                ("wrong content type", "text/plain", "hello"u8.ToArray(), null),
                ("image content type", "image/png", [0x89, 0x50, 0x4E, 0x47], null),
                ("malformed JSON", "application/json", "{\"name\": \"x\", "u8.ToArray(), null),
                ("JSON of the wrong shape", "application/json", "[1,2,3]"u8.ToArray(), null),
                ("unknown JSON keys", "application/json", "{\"zzz\": 1, \"__proto__\": {}}"u8.ToArray(), null),
                ("malformed XML", "application/cap+xml", "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>"u8.ToArray(), null),
                ("XML with a DTD", "application/xml", Encoding.UTF8.GetBytes("<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>"), null),
                ("malformed CSV", "text/csv", Encoding.UTF8.GetBytes("\"unterminated,\n\0\0\0"), null),
                ("empty body", "application/json", [], null),
                ("oversized body", e.PrimaryContentType, Oversized(limit + 1), e.DeclaresLimit ? [413] : null),
            };
            foreach (var (label, contentType, body, expected) in cases)
            {
                var response = await SendAsync(e, path, key, contentType, body);
                Expect(failures, e, label, response, expected, allow2xx: !e.TakesBody);
            }
        }

        output.WriteLine($"{endpoints.Count} endpoints with bodies swept");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task EveryEndpointWithPathIds_WithAbsurdIds_GetsA4xxProblem_Never5xx()
    {
        var failures = new List<string>();
        var endpoints = Endpoints().Where(e => e.Parameters > 0).ToList();
        foreach (var e in endpoints)
        {
            var key = e.RightKey is { } name ? GatewayFactory.Keys[name] : null;
            foreach (var id in AbsurdIds.Append(NonexistentId).Append(Guid.NewGuid().ToString()))
            {
                var body = BodyMethods.Contains(e.Method) ? "{}"u8.ToArray() : null;
                var response = await SendAsync(e, e.Path(id), key, body is null ? null : "application/json", body);
                Expect(failures, e, "path id " + (id.Length > 30 ? id[..30] + "…" : id), response, null, allow2xx: e.IsPublicGet);
            }
        }

        output.WriteLine($"{endpoints.Count} endpoints with path parameters swept");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public void EveryBodyEndpoint_RandomBodiesAndHeaders_NeverA5xx()
    {
        var endpoints = Endpoints().Where(e => BodyMethods.Contains(e.Method)).ToArray();
        var headerNames = new[] { "Accept", "Content-Encoding", "Accept-Language", "If-None-Match", "X-Forwarded-For", "Expect", "Transfer-Encoding" };
        var contentTypes = new[] { "application/json", "application/cap+xml", "application/xml", "text/csv", "text/plain", "multipart/form-data; boundary=x", "application/json; charset=utf-7", "" };
        var keys = DemoKeyNames.All.Select(n => (string?)GatewayFactory.Keys[n]).Append(null).Append("bea_" + new string('-', 43)).ToArray();
        var requests =
            from endpoint in Gen.Elements(endpoints)
            from contentType in Gen.Elements(contentTypes)
            from key in Gen.Elements(keys)
            from body in Gen.OneOf(
                ArbMap.Default.GeneratorFor<byte[]>(),
                ArbMap.Default.GeneratorFor<string>().Where(s => s is not null).Select(s => Encoding.UTF8.GetBytes(s)),
                Gen.Elements("{}", "null", "\"x\"", "{\"alertId\":null}", "{\"channels\":[\"pigeon\"]}", "<alert/>", "a,b\n1,2").Select(s => Encoding.UTF8.GetBytes(s)))
            from header in Gen.Elements(headerNames)
            from headerValue in ArbMap.Default.GeneratorFor<string>().Where(s => s is not null && s.All(c => c is >= ' ' and < (char)127))
            select (endpoint, contentType, key, body, header, headerValue);
        if (endpoints.Length == 0)
        {
            // The core maps none yet: the property runs once the modules add theirs; the others cover /api/me.
            output.WriteLine("no POST/PUT/PATCH endpoints mapped");
            return;
        }

        var property = Prop.ForAll(requests.ToArbitrary(), r =>
        {
            var (endpoint, contentType, key, body, header, headerValue) = r;
            var response = SendAsync(endpoint, endpoint.Path(NonexistentId), key, contentType, body, (header, headerValue)).GetAwaiter().GetResult();
            return response.Status < 500 && (response.Status < 400 || response.IsProblem);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), property);
    }

    private const string NonexistentId = "does-not-exist";

    private static byte[] Oversized(int length)
    {
        var body = new byte[length];
        body.AsSpan().Fill((byte)'a');
        return body;
    }

    private static void Expect(List<string> failures, SweptEndpoint e, string label, Answer response, int[]? expected, bool allow2xx = true)
    {
        var problem = response.Status switch
        {
            >= 500 => "a server error",
            >= 400 when !response.IsProblem => "a 4xx without a ProblemDetails body",
            >= 400 when expected is not null && !expected.Contains(response.Status) => $"not {string.Join(" or ", expected)}",
            >= 400 => null,
            _ when expected is not null => $"not {string.Join(" or ", expected)}",
            >= 200 and < 300 when allow2xx => null,
            _ => "not a 4xx",
        };
        if (problem is not null)
        {
            failures.Add($"{e.Method} {e.Pattern} ({label}): {response.Status}, {problem}: {response.Body[..Math.Min(300, response.Body.Length)]}");
        }
    }

    private async Task<Answer> SendAsync(SweptEndpoint e, string path, string? key, string? contentType, byte[]? body, (string Name, string Value)? header = null)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(e.Method), path);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", key.StartsWith("Basic ", StringComparison.Ordinal) ? key : "Bearer " + key);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (!string.IsNullOrEmpty(contentType))
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        if (header is { } h)
        {
            if (!request.Headers.TryAddWithoutValidation(h.Name, h.Value))
            {
                request.Content?.Headers.TryAddWithoutValidation(h.Name, h.Value);
            }
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        return new Answer((int)response.StatusCode, mediaType == "application/problem+json" || (e.Method == "HEAD" && response.StatusCode != HttpStatusCode.OK), text);
    }

    private List<SweptEndpoint> Endpoints()
    {
        using var _ = factory.CreateClient(); // the host is built and its endpoints mapped
        var source = factory.Services.GetRequiredService<EndpointDataSource>();
        var list = new List<SweptEndpoint>();
        // Razor Pages answer HTML (sign-in redirects, error pages); their hostile input is tested in Web/.
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>().Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is null))
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
            foreach (var method in methods.Where(m => m is not "HEAD" and not "OPTIONS"))
            {
                list.Add(new SweptEndpoint(endpoint, method));
            }
        }

        Assert.Contains(list, e => e.Pattern == "/api/me");
        return list;
    }

    private sealed record Answer(int Status, bool IsProblem, string Body);

    /// <summary>One route and method, with what its metadata says about keys and bodies.</summary>
    private sealed partial class SweptEndpoint
    {
        public SweptEndpoint(RouteEndpoint endpoint, string method)
        {
            Method = method;
            Pattern = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            Parameters = endpoint.RoutePattern.Parameters.Count;
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? GatewayPolicies.AnyKey).ToList();
            RequiresKey = !anonymous && policies.Count > 0;
            var policy = policies.FirstOrDefault();
            (RightKey, WrongRoleKey) = !RequiresKey ? ((string?)null, (string?)null) : policy switch
            {
                GatewayPolicies.Admin => (DemoKeyNames.Admin, DemoKeyNames.Commune),
                GatewayPolicies.Vendor => (DemoKeyNames.Vendor, DemoKeyNames.Commune),
                GatewayPolicies.Operator => (DemoKeyNames.Commune, DemoKeyNames.Vendor),
                _ => (DemoKeyNames.Commune, null),
            };
            var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>();
            TakesBody = accepts is not null && !accepts.IsOptional;
            PrimaryContentType = accepts is { ContentTypes.Count: > 0 } ? accepts.ContentTypes[0] : "application/json";
            var declared = endpoint.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
            DeclaresLimit = declared is not null;
            BodyLimit = (int)Math.Min(declared ?? InferredLimit(PrimaryContentType), 64L << 20);
        }

        public string Method { get; }

        public string Pattern { get; }

        public int Parameters { get; }

        public bool RequiresKey { get; }

        public string? RightKey { get; }

        public string? WrongRoleKey { get; }

        public bool TakesBody { get; }

        /// <summary>A GET anyone may make (the API reference page takes any document name): a 2xx is legitimate.</summary>
        public bool IsPublicGet => !RequiresKey && Method == "GET";

        public string PrimaryContentType { get; }

        public bool DeclaresLimit { get; }

        public int BodyLimit { get; }

        /// <summary>
        /// The pattern with every parameter replaced by <paramref name="id"/>, except typed ones (<c>{id:long}</c>,
        /// <c>{id:guid}</c>): a value of the wrong type would not match the route and the answer would be routing's 404.
        /// </summary>
        public string Path(string id) => RouteParameter().Replace(Pattern, m =>
            m.Value.Contains(":long", StringComparison.Ordinal) || m.Value.Contains(":int", StringComparison.Ordinal) ? "987654321"
            : m.Value.Contains(":guid", StringComparison.Ordinal) ? "0badc0de-0000-4000-8000-000000000000"
            : id);

        public override string ToString() => Method + " " + Pattern;

        private static int InferredLimit(string contentType) =>
            contentType.Contains("xml", StringComparison.OrdinalIgnoreCase) ? SweepFactory.AlertLimit
            : contentType.Contains("csv", StringComparison.OrdinalIgnoreCase) || contentType.Contains("multipart", StringComparison.OrdinalIgnoreCase) ? SweepFactory.CsvLimit
            : SweepFactory.JsonLimit;

        [GeneratedRegex(@"\{[^}]+\}")]
        private static partial Regex RouteParameter();
    }
}
