using BeAlert.Gateway.Security;
using BeAlert.Gateway.Storage;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Scheduling;

/// <summary>Scheduled tests: the monthly and quarterly BE-Alert tests as a hosted service, and <c>GET /api/schedules</c>.</summary>
public static class SchedulingModule
{
    public static IServiceCollection AddScheduling(this IServiceCollection services)
    {
        services.AddOptions<SchedulingOptions>()
            .Configure<IConfiguration>((o, configuration) => configuration.GetSection(SchedulingOptions.Section).Bind(o.Schedules))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SchedulingOptions>, SchedulingOptionsValidator>();
        services.AddSingleton<ISchemaPart, SchedulingSchema>();
        services.AddSingleton<ScheduleRunStore>();
        services.AddSingleton<ScheduledTestService>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduledTestService>());
        return services;
    }

    /// <summary><c>GET /api/schedules</c>: the scheduled tests (an operator sees its authority's, an admin all) with their next due times and last runs.</summary>
    public static WebApplication MapScheduling(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/schedules", ListSchedulesAsync)
            .RequireAuthorization(GatewayPolicies.AnyKey)
            .WithName("ListSchedules")
            .WithSummary("Scheduled tests with their next due time (UTC and local) and last run; operators see their own authority's.")
            .WithTags("Scheduling")
            .Produces<IReadOnlyList<ScheduleView>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<IResult> ListSchedulesAsync(HttpContext context, ScheduledTestService service, ScheduleRunStore runs, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        if (caller.Role is not (KeyRole.Operator or KeyRole.Admin))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Operators and admins only", detail: "Scheduled tests are listed for operator and admin keys.");
        }

        var recent = await runs.ListAsync(limit: 1_000, cancellationToken: cancellationToken).ConfigureAwait(false);
        var views = new List<ScheduleView>();
        foreach (var (name, s, next) in service.Describe(time.GetUtcNow()))
        {
            if (caller.Role == KeyRole.Operator && !string.Equals(caller.Authority?.Id, s.Authority, StringComparison.Ordinal))
            {
                continue;
            }

            var zone = SchedulingOptionsValidator.FindZone(s.TimeZone);
            var last = recent.FirstOrDefault(r => r.Schedule == name);
            views.Add(new ScheduleView(
                name,
                s.Kind,
                s.Enabled,
                s.Authority,
                s.EffectiveChannels.ToString(),
                s.TimeOfDay,
                s.TimeZone,
                next,
                next is { } n && zone is not null ? TimeZoneInfo.ConvertTime(n, zone) : null,
                s.CatchUpWindow,
                s.Simulation,
                last is null ? null : new ScheduleRunView(last.DueAt, last.Status, last.CampaignId, last.Detail)));
        }

        return Results.Ok(views);
    }
}

/// <summary>A scheduled test as listed by <c>GET /api/schedules</c>.</summary>
public sealed record ScheduleView(
    string Name,
    ScheduleKind Kind,
    bool Enabled,
    string Authority,
    string Channels,
    string TimeOfDay,
    string TimeZone,
    DateTimeOffset? NextDueAt,
    DateTimeOffset? NextDueLocal,
    TimeSpan CatchUpWindow,
    bool Simulation,
    ScheduleRunView? LastRun);

/// <summary>The last run of a schedule.</summary>
public sealed record ScheduleRunView(DateTimeOffset DueAt, ScheduleRunStatus Status, Guid? CampaignId, string? Detail);
