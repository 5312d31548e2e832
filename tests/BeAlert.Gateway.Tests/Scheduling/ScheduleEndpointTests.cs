using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BeAlert.Gateway.Scheduling;
using BeAlert.Gateway.Security;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Tests.Scheduling;

public sealed class ScheduleEndpointTests : IDisposable
{
    private readonly GatewayFactory _factory = new();

    public ScheduleEndpointTests()
    {
        _factory.Settings["BeAlert:Schedules:gent-monthly:Authority"] = "gent";
        _factory.Settings["BeAlert:Schedules:gent-monthly:Channels"] = "Sms, Email";
        _factory.Settings["BeAlert:Schedules:antwerp-quarterly:Authority"] = "province-antwerpen";
        _factory.Settings["BeAlert:Schedules:antwerp-quarterly:Kind"] = "Quarterly";
        _factory.Settings["BeAlert:Schedules:antwerp-quarterly:Municipalities:0"] = "11002";
        _factory.Settings["BeAlert:Schedules:antwerp-quarterly:CatchUpWindow"] = "00:30:00";
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ListSchedules_Operator_SeesOnlyItsAuthoritysWithTheNextDueTime()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);

        var schedules = await client.GetFromJsonAsync<JsonElement>("/api/schedules");

        var only = Assert.Single(schedules.EnumerateArray());
        Assert.Equal("gent-monthly", only.GetProperty("name").GetString());
        Assert.Equal("Monthly", only.GetProperty("kind").GetString());
        Assert.Equal("Sms, Email", only.GetProperty("channels").GetString());
        var next = only.GetProperty("nextDueAt").GetDateTimeOffset();
        var local = only.GetProperty("nextDueLocal").GetDateTimeOffset();
        Assert.Equal(next, local);
        Assert.Equal((DayOfWeek.Thursday, 12, 0), (local.DayOfWeek, local.Hour, local.Minute));
        Assert.InRange(local.Day, 1, 7);
        Assert.True(next > _factory.Service<TimeProvider>().GetUtcNow());
    }

    [Fact]
    public async Task ListSchedules_Admin_SeesEverySchedule()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Admin);

        var schedules = await client.GetFromJsonAsync<JsonElement>("/api/schedules");

        Assert.Equal(["antwerp-quarterly", "gent-monthly"], schedules.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        var quarterly = TimeZoneInfo.ConvertTime(schedules[0].GetProperty("nextDueAt").GetDateTimeOffset(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels"));
        Assert.Contains(quarterly.Month, new[] { 1, 4, 7, 10 });
        Assert.Equal(TimeSpan.FromMinutes(30), _factory.Service<IOptions<SchedulingOptions>>().Value.Schedules["antwerp-quarterly"].CatchUpWindow);
    }

    [Fact]
    public async Task ListSchedules_VendorOrNoKey_IsRefused()
    {
        using var vendor = _factory.CreateClient(DemoKeyNames.Vendor);
        using var anonymous = _factory.CreateClient();

        using var forbidden = await vendor.GetAsync("/api/schedules");
        using var unauthorized = await anonymous.GetAsync("/api/schedules");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    [Fact]
    public void InvalidSchedules_AreRefusedAtStart_WithEveryError()
    {
        using var factory = new GatewayFactory();
        factory.Settings["BeAlert:Schedules:bad:TimeOfDay"] = "25:00";
        factory.Settings["BeAlert:Schedules:bad:TimeZone"] = "Mars/Olympus";
        factory.Settings["BeAlert:Schedules:bad:Municipalities:0"] = "99999";
        factory.Settings["BeAlert:Schedules:bad:Area"] = "51,3 52,4";
        factory.Settings["BeAlert:Schedules:bad:Languages:0"] = "it";

        var e = Assert.Throws<OptionsValidationException>(() => factory.CreateClient().Dispose());

        Assert.Contains(e.Failures, f => f.Contains("TimeOfDay", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.Contains("TimeZone", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.Contains("Authority is required", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.Contains("99999", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.Contains("Area", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.Contains("'it'", StringComparison.Ordinal));
    }
}
