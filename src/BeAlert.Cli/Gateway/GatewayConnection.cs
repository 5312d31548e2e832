using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace BeAlert.Cli.Gateway;

/// <summary>
/// How the gateway commands reach the admin API: the gateway URL (<c>--gateway</c>, else <c>BEALERT_GATEWAY</c>, else
/// <c>http://127.0.0.1:5000</c>) and the admin key (<c>--admin-key-file</c>, else <c>BEALERT_ADMIN_KEY</c>). The key
/// is never taken as a plain argument (it would land in shell history and in <c>ps</c>) and never printed.
/// </summary>
internal sealed class GatewayConnection : IDisposable
{
    public const string GatewayVariable = "BEALERT_GATEWAY";
    public const string AdminKeyVariable = "BEALERT_ADMIN_KEY";
    public const string DefaultGateway = "http://127.0.0.1:5000";

    private const int KeyLength = 47; // "bea_" + 43 base64url characters
    private readonly HttpClient _http;

    private GatewayConnection(Uri baseAddress, string adminKey)
    {
        BaseAddress = baseAddress;
        _http = new HttpClient { BaseAddress = baseAddress };
        _http.Timeout = TimeSpan.FromSeconds(30);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("bealert", "1"));
    }

    public Uri BaseAddress { get; }

    /// <summary>Resolves the URL and the admin key; null with a usage message when either is missing or unusable.</summary>
    public static GatewayConnection? Open(string? gatewayOption, string? keyFile, TextWriter stderr, string command)
    {
        var url = gatewayOption ?? Environment.GetEnvironmentVariable(GatewayVariable) ?? DefaultGateway;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseAddress) || (baseAddress.Scheme != Uri.UriSchemeHttp && baseAddress.Scheme != Uri.UriSchemeHttps))
        {
            stderr.WriteLine($"bealert {command}: '{url}' is not an http:// or https:// URL (--gateway or {GatewayVariable}).");
            return null;
        }

        string? key;
        if (keyFile is not null)
        {
            try
            {
                key = File.ReadAllText(keyFile).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"bealert {command}: cannot read the admin key file '{keyFile}': {e.Message}");
                return null;
            }

            WarnIfOthersCanRead(keyFile, stderr, command);
        }
        else
        {
            key = Environment.GetEnvironmentVariable(AdminKeyVariable)?.Trim();
        }

        if (string.IsNullOrEmpty(key))
        {
            stderr.WriteLine($"bealert {command}: no admin key: set {AdminKeyVariable} or give --admin-key-file FILE (a key is never taken on the command line).");
            return null;
        }

        if (key.Length != KeyLength || !key.StartsWith("bea_", StringComparison.Ordinal) || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            stderr.WriteLine($"bealert {command}: the admin key {(keyFile is null ? "in " + AdminKeyVariable : "in '" + keyFile + "'")} is not an access key ('bea_' and 43 base64url characters).");
            return null;
        }

        var path = baseAddress.AbsolutePath.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        return new GatewayConnection(path, key);
    }

    /// <summary>Sends a request; the outcome is the parsed JSON body on success, or an exit code with the message already written.</summary>
    public async Task<GatewayResult> SendAsync(HttpMethod method, string relativePath, object? body, TextWriter stderr, string command, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, relativePath.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, JsonOptions), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            var why = e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } || e.HttpRequestError == HttpRequestError.ConnectionError
                ? "connection refused or failed; is the gateway running there? (--gateway or " + GatewayVariable + ")"
                : e.Message;
            stderr.WriteLine($"bealert {command}: cannot reach the gateway at {BaseAddress}: {why}");
            return GatewayResult.Fail(CliApp.ExitUnavailable);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            stderr.WriteLine($"bealert {command}: the gateway at {BaseAddress} did not answer within {_http.Timeout.TotalSeconds:0} s.");
            return GatewayResult.Fail(CliApp.ExitUnavailable);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    using var json = JsonDocument.Parse(text.Length == 0 ? "null" : text);
                    return GatewayResult.Ok(json.RootElement.Clone());
                }
                catch (JsonException)
                {
                    stderr.WriteLine($"bealert {command}: the gateway at {BaseAddress} answered {(int)response.StatusCode} with a body that is not JSON: is that URL a BeAlert gateway?");
                    return GatewayResult.Fail(CliApp.ExitUnavailable);
                }
            }

            stderr.WriteLine($"bealert {command}: {Explain(response, text)}");
            return GatewayResult.Fail((int)response.StatusCode >= 500 ? CliApp.ExitUnavailable : CliApp.ExitRejected);
        }
    }

    public void Dispose() => _http.Dispose();

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static string Explain(HttpResponseMessage response, string text)
    {
        string? detail = null;
        var fieldErrors = new List<string>();
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (json.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String)
                {
                    detail = d.GetString();
                }

                if (json.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in errors.EnumerateObject())
                    {
                        foreach (var message in field.Value.EnumerateArray())
                        {
                            fieldErrors.Add($"  {field.Name}: {message.GetString()}");
                        }
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not a ProblemDetails: the status line says enough.
        }

        var status = (int)response.StatusCode;
        var lead = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "the gateway refused the admin key (401: unknown, revoked or malformed)",
            HttpStatusCode.Forbidden => "the key is not an admin key (403)",
            HttpStatusCode.NotFound => "not found (404)",
            HttpStatusCode.Conflict => "conflict (409)",
            HttpStatusCode.BadRequest => "the gateway rejected the request (400)",
            HttpStatusCode.TooManyRequests => $"rate limited (429); retry after {response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) ?? "a few"} s",
            _ when status >= 500 => $"the gateway failed ({status})",
            _ => $"the gateway answered {status} {response.ReasonPhrase}",
        };
        var summary = detail is null ? lead : $"{lead}: {detail}";
        return fieldErrors.Count == 0 ? summary : summary + Environment.NewLine + string.Join(Environment.NewLine, fieldErrors);
    }

    private static void WarnIfOthersCanRead(string file, TextWriter stderr, string command)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(file);
        if ((mode & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
        {
            stderr.WriteLine($"bealert {command}: warning: '{file}' can be read by other users; chmod 600 it.");
        }
    }
}

/// <summary>A gateway call's outcome: the JSON body, or the exit code to return.</summary>
internal readonly record struct GatewayResult(bool Success, JsonElement Body, int ExitCode)
{
    public static GatewayResult Ok(JsonElement body) => new(true, body, CliApp.ExitOk);

    public static GatewayResult Fail(int exitCode) => new(false, default, exitCode);
}
