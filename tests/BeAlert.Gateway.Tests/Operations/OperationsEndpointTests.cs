using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BeAlert.Gateway.Tests.Operations;

public sealed class OperationsEndpointTests : IDisposable
{
    private const string SecretInException = "s3cret-in-an-exception-message";

    private readonly GatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task OpenApiDocument_DocumentsTheAccessKeySchemeAndTheHealthEndpoints()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("AccessKey").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKeyHeader").GetProperty("name").GetString());
        var paths = document.RootElement.GetProperty("paths");

        // An endpoint behind a policy requires the scheme.
        var me = paths.GetProperty("/api/me").GetProperty("get");
        Assert.Contains(me.GetProperty("security").EnumerateArray(), r => r.TryGetProperty("AccessKey", out _));
    }

    [Fact]
    public async Task ApiReference_IsServedAtScalar()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/scalar", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/health")]
    public async Task Health_AfterStart_IsHealthy(string path)
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        if (path != "/health/live")
        {
            var checks = body.RootElement.GetProperty("checks");
            Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
            Assert.Equal("Healthy", checks.GetProperty("dispatch").GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Ready_WhenTheDatabaseIsGone_Is503()
    {
        using var client = _factory.CreateClient();
        var database = _factory.Service<Storage.GatewayDatabase>();
        if (database.Dialect.Provider != Storage.StorageProvider.Sqlite)
        {
            // PostgreSQL: the database is dropped at dispose; the liveness endpoint is the check that stays meaningful.
            using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            return;
        }

        // Make the SQLite file unopenable: replace the data directory's database by a directory. The gateway's
        // background pollers (alert follower, campaign commands, …) may open the database between the delete and the
        // create, which makes SQLite create the file again: try again, a bounded number of times.
        var path = Path.Combine(_factory.DataDirectory, "gateway.db");
        for (var attempt = 0; !Directory.Exists(path); attempt++)
        {
            Assert.True(attempt < 100, "the database file kept coming back");
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
            File.Delete(path + "-wal");
            File.Delete(path + "-shm");
            try
            {
                Directory.CreateDirectory(path);
            }
            catch (IOException)
            {
                // recreated by a poller in between: again
            }
        }
        // A poller that opened the old file just before it was deleted keeps that file open and may hand the
        // connection back to the pool afterwards, where the readiness check would find it still working: empty the
        // pools again before each check, a bounded number of times.
        HttpResponseMessage response;
        for (var attempt = 0; ; attempt++)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            if (response.StatusCode != HttpStatusCode.OK || attempt == 20)
            {
                break;
            }

            response.Dispose();
            await Task.Delay(100);
        }

        using var disposeResponse = response;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("unreachable", text, StringComparison.Ordinal);
        using var liveAfter = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, liveAfter.StatusCode);
    }

    [Fact]
    public async Task UnhandledException_Is500ProblemWithTraceId_AndNoMessageOrStack()
    {
        using var factory = WithThrowingRoutes();
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/_test/throw", UriKind.Relative));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("traceId").GetString()));
        Assert.DoesNotContain(SecretInException, text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadHttpRequestException_KeepsIts4xxStatus_AsProblem()
    {
        using var factory = WithThrowingRoutes();
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/_test/too-large", UriKind.Relative));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownRoute_Is404Problem()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Found by the random-header property: routing's 415 with an Accept header that names nothing JSON came back as text.</summary>
    [Theory]
    [InlineData(".[Bxvf%[*l/F7GPmYT")]
    [InlineData("text/html")]
    public async Task RoutingRefusal_WithANonJsonAccept_IsStillAProblem(string accept)
    {
        using var client = _factory.CreateClient(BeAlert.Gateway.Security.DemoKeyNames.Commune);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/templates/") { Content = new StringContent("a,b", System.Text.Encoding.UTF8, "application/xml") };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":415", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeclaredBodyOverTheLargestLimit_Is413BeforeReading()
    {
        _factory.Settings["BeAlert:Limits:MaxCsvBytes"] = "4096";
        _factory.Settings["BeAlert:Limits:MaxAlertBytes"] = "4096";
        _factory.Settings["BeAlert:Limits:MaxJsonBytes"] = "4096";
        _factory.Settings["BeAlert:Load:Baseline"] = "true";
        using var client = _factory.CreateClient(BeAlert.Gateway.Security.DemoKeyNames.Commune);
        using var content = new ByteArrayContent(new byte[4097]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(new Uri("/_load/baseline", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Baseline_IsMappedOnlyWhenConfigured()
    {
        using (var client = _factory.CreateClient())
        {
            using var absent = await client.GetAsync(new Uri("/_load/baseline", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
        }

        using var withBaseline = new GatewayFactory();
        withBaseline.Settings["BeAlert:Load:Baseline"] = "true";
        using var baselineClient = withBaseline.CreateClient();
        using var content = new StringContent("<alert/>");
        using var response = await baselineClient.PostAsync(new Uri("/_load/baseline", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>The gateway plus two routes, at the end of its pipeline, that throw (inside its exception handler).</summary>
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> WithThrowingRoutes() =>
        _factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, ThrowingRoutes>()));

    private sealed class ThrowingRoutes : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context => context.Request.Path.Value switch
            {
                "/_test/throw" => throw new InvalidOperationException(SecretInException),
                "/_test/too-large" => throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge),
                _ => Task.CompletedTask,
            });
        };
    }
}
