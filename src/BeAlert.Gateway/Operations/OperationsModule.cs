using System.Text.Json;
using BeAlert.Gateway.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace BeAlert.Gateway.Operations;

/// <summary>
/// The Operations module: OpenAPI document (<c>/openapi/v1.json</c>) and API reference (<c>/scalar</c>), health
/// endpoints (<c>/health/live</c>, <c>/health/ready</c>, <c>/health</c>), OpenTelemetry (traces and metrics; OTLP
/// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, console when <c>BeAlert:Telemetry:Console=true</c>), the
/// <see cref="GatewayMetrics"/> instruments, ProblemDetails for every error (unhandled exceptions, bad requests,
/// empty 4xx), request body limits, and the load driver's baseline endpoint (<c>BeAlert:Load:Baseline=true</c>).
/// </summary>
public static class OperationsModule
{
    /// <summary>The constant body of the baseline endpoint: about the size of an ingest answer.</summary>
    internal const string BaselineBody =
        """{"identifier":"BE-LOAD-BASELINE-00000000000000000000000000000000","status":"accepted","location":"/api/alerts/BE-LOAD-BASELINE-00000000000000000000000000000000","warnings":[]}""";

    private const string ReadyTag = "ready";

    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        services.AddSingleton<GatewayMetrics>();
        services.AddExceptionHandler<GatewayExceptionHandler>();

        // The largest body any endpoint takes; endpoints lower it with their own request size limit metadata.
        var largest = LargestBody(options.Limits);
        services.Configure<KestrelServerOptions>(k =>
        {
            k.Limits.MaxRequestBodySize = largest;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.AddServerHeader = false;
        });

        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<AccessKeySecurityTransformer>();
            o.AddOperationTransformer<AccessKeySecurityTransformer>();
        });

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, [ReadyTag], TimeSpan.FromSeconds(5))
            .AddCheck<DispatchHealthCheck>("dispatch", HealthStatus.Unhealthy, [ReadyTag]);

        AddTelemetry(services, configuration);
        return services;
    }

    /// <summary>Middleware that must run before authentication (exception handling, ProblemDetails for empty errors, body limits).</summary>
    public static WebApplication UseOperations(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // GatewayExceptionHandler logs what it handles (without the request's headers or body).
            SuppressDiagnosticsCallback = _ => true,
        });
        // Empty 4xx/5xx answers (routing's 404/405/415, …) get a ProblemDetails body. Results.Problem writes JSON
        // even when the Accept header names nothing JSON (the default status-code page would fall back to text).
        app.UseStatusCodePages(context => Results.Problem(statusCode: context.HttpContext.Response.StatusCode).ExecuteAsync(context.HttpContext));
        var limits = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<GatewayOptions>>().Value.Limits;
        var largest = LargestBody(limits);
        app.Use((context, next) => RejectOversizedBodies(context, next, largest));
        return app;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi("/openapi/v1.json").AllowAnonymous().ExcludeFromDescription();
        app.MapScalarApiReference("/scalar", o => o
                .WithTitle("BeAlert gateway API")
                .AddPreferredSecuritySchemes(AccessKeySecurityTransformer.BearerScheme))
            .AllowAnonymous();

        var ready = new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteHealthAsync };
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealthAsync })
            .AllowAnonymous().WithName("HealthLive").WithSummary("The process is up.").WithTags("Operations");
        app.MapHealthChecks("/health/ready", ready)
            .AllowAnonymous().WithName("HealthReady").WithSummary("The database answers and the dispatch engine has started.").WithTags("Operations");
        app.MapHealthChecks("/health", ready)
            .AllowAnonymous().WithName("Health").WithSummary("Same as /health/ready.").WithTags("Operations");

        if (app.Configuration.GetValue<bool>("BeAlert:Load:Baseline"))
        {
            MapBaseline(app);
        }

        return app;
    }

    private static void AddTelemetry(IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var console = configuration.GetValue<bool>("BeAlert:Telemetry:Console");
        if (!otlp && !console)
        {
            // No exporter: no OpenTelemetry SDK at all (no sampling cost). The Meter and ActivitySource still exist
            // for dotnet-counters and dotnet-trace.
            return;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(GatewayMetrics.Name))
            .WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                    .AddHttpClientInstrumentation()
                    .AddSource(GatewayMetrics.Name);
                if (console)
                {
                    t.AddConsoleExporter();
                }
            })
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddMeter(GatewayMetrics.Name);
                if (console)
                {
                    m.AddConsoleExporter();
                }
            });
        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }
    }

    private static long LargestBody(LimitOptions limits) => Math.Max(limits.MaxCsvBytes, Math.Max(limits.MaxAlertBytes, limits.MaxJsonBytes));

    // Kestrel enforces its limit (and an endpoint's request size limit metadata) while reading; this answers at once
    // when the declared length is over, and also under servers without a body size feature (the test server).
    private static async Task RejectOversizedBodies(HttpContext context, RequestDelegate next, long largest)
    {
        var endpointLimit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        var limit = endpointLimit ?? context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? largest;
        if (limit is { } max && context.Request.ContentLength is { } length && length > max)
        {
            // Answer before reading a byte: the client learns the limit at once.
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request body too large",
                detail: $"This endpoint accepts at most {max:N0} bytes; the request declares {length:N0}.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static void MapBaseline(WebApplication app)
    {
        // What the load driver compares the real endpoints with: the same Kestrel, routing and middleware, no work.
        app.MapPost("/_load/baseline", async (HttpContext context) =>
            {
                await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted).ConfigureAwait(false);
                return Results.Content(BaselineBody, "application/json", System.Text.Encoding.UTF8, StatusCodes.Status201Created);
            })
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/_load/baseline", () => Results.Content(BaselineBody, "application/json", System.Text.Encoding.UTF8))
            .AllowAnonymous().ExcludeFromDescription();
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, HealthJson), context.RequestAborted);
    }

    private static readonly JsonSerializerOptions HealthJson = new(JsonSerializerDefaults.Web);
}
