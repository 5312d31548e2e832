using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BeAlert.Dispatch;
using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Billing;
using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Security;

namespace BeAlert.Gateway.Tests.Billing;

public sealed class BillingEndpointTests : IDisposable
{
    private readonly GatewayFactory _factory = new();
    private readonly HttpClient _admin;
    private readonly HttpClient _gent;

    public BillingEndpointTests()
    {
        _admin = _factory.CreateClient(DemoKeyNames.Admin);
        _gent = _factory.CreateClient(DemoKeyNames.Commune);
    }

    public void Dispose()
    {
        _admin.Dispose();
        _gent.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task TopUp_ByAnAdmin_RaisesTheBalance_AndIsAudited()
    {
        using var response = await _admin.PostAsJsonAsync("/api/admin/billing/gent/topup", new { amount = 250.50m, reference = "PO-2026-17" });

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(250.50m, body.GetProperty("balance").GetDecimal());
        Assert.Equal("EUR", body.GetProperty("currency").GetString());
        var billing = await _gent.GetFromJsonAsync<JsonElement>("/api/billing");
        Assert.Equal(250.50m, billing.GetProperty("balance").GetDecimal());
        var audit = Assert.Single(await _factory.Service<AuditLog>().ListAsync(), e => e.Action == "billing.topup");
        Assert.Equal("gent", audit.Target);
        Assert.Contains("PO-2026-17", audit.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"amount\":0}", "amount")]
    [InlineData("{\"amount\":-5}", "amount")]
    [InlineData("{\"amount\":0.001}", "amount")]
    [InlineData("{\"amount\":1000000.01}", "amount")]
    [InlineData("{\"amount\":10,\"reference\":\"a\\u0000b\"}", "reference")]
    public async Task TopUp_InvalidAmountOrReference_Is400WithTheField(string json, string field)
    {
        using var response = await _admin.PostAsync("/api/admin/billing/gent/topup", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task TopUp_BadRequests_GetSpecificProblems()
    {
        using var malformed = await _admin.PostAsync("/api/admin/billing/gent/topup", new StringContent("{\"amount\": 1", Encoding.UTF8, "application/json"));
        using var wrongType = await _admin.PostAsync("/api/admin/billing/gent/topup", new StringContent("amount=1", Encoding.UTF8, "text/plain"));
        using var tooLarge = await _admin.PostAsync("/api/admin/billing/gent/topup", new StringContent("{\"amount\":1,\"reference\":\"" + new string('x', 20_000) + "\"}", Encoding.UTF8, "application/json"));
        using var unknown = await _admin.PostAsJsonAsync("/api/admin/billing/atlantis/topup", new { amount = 1m });
        using var byOperator = await _gent.PostAsJsonAsync("/api/admin/billing/gent/topup", new { amount = 1m });
        using var anonymous = _factory.CreateClient();
        using var noKey = await anonymous.PostAsJsonAsync("/api/admin/billing/gent/topup", new { amount = 1m });

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        foreach (var response in new[] { malformed, wrongType, tooLarge, unknown })
        {
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{response.StatusCode}: {response.Content.Headers.ContentType}");
        }

        Assert.Contains("line", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(await _factory.Service<AuditLog>().ListAsync(), e => e.Action == "billing.topup");
    }

    [Fact]
    public async Task Shares_SetByAnAdmin_AreShownToTheOwnerAndThePartner()
    {
        using var response = await _admin.PutAsJsonAsync("/api/admin/billing/gent/shares", new { shares = new[] { new { partner = "gent", percentage = 60m }, new { partner = "province-antwerpen", percentage = 40m } } });
        response.EnsureSuccessStatusCode();
        using var province = _factory.CreateClient(DemoKeyNames.Province);

        var gent = await _gent.GetFromJsonAsync<JsonElement>("/api/billing");
        var partner = await province.GetFromJsonAsync<JsonElement>("/api/billing");

        Assert.Equal(2, gent.GetProperty("sharesWith").GetArrayLength());
        var sharedBy = Assert.Single(partner.GetProperty("sharedBy").EnumerateArray());
        Assert.Equal(("gent", 40m), (sharedBy.GetProperty("partner").GetString(), sharedBy.GetProperty("percentage").GetDecimal()));
        Assert.Contains(await _factory.Service<AuditLog>().ListAsync(), e => e.Action == "billing.shares" && e.Target == "gent");

        using var cleared = await _admin.PutAsJsonAsync("/api/admin/billing/gent/shares", new { shares = Array.Empty<object>() });
        cleared.EnsureSuccessStatusCode();
        Assert.Equal(0, (await province.GetFromJsonAsync<JsonElement>("/api/billing")).GetProperty("sharedBy").GetArrayLength());
    }

    [Theory]
    [InlineData("{\"shares\":[{\"partner\":\"gent\",\"percentage\":50},{\"partner\":\"federal\",\"percentage\":40}]}", "not 100")]
    [InlineData("{\"shares\":[{\"partner\":\"gent\",\"percentage\":50},{\"partner\":\"atlantis\",\"percentage\":50}]}", "not a known authority")]
    [InlineData("{\"shares\":[{\"partner\":\"federal\",\"percentage\":50},{\"partner\":\"federal\",\"percentage\":50}]}", "more than once")]
    [InlineData("{\"shares\":[{\"partner\":\"gent\",\"percentage\":99.995},{\"partner\":\"federal\",\"percentage\":0.005}]}", "two decimals")]
    [InlineData("{\"shares\":[{\"partner\":\"gent\",\"percentage\":150},{\"partner\":\"federal\",\"percentage\":-50}]}", "at most 100")]
    public async Task Shares_Invalid_Are400WithTheReason(string json, string expected)
    {
        using var response = await _admin.PutAsync("/api/admin/billing/gent/shares", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shares_ForAnUnknownAuthority_Is404()
    {
        using var response = await _admin.PutAsJsonAsync("/api/admin/billing/atlantis/shares", new { shares = Array.Empty<object>() });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetBilling_ShowsOnlyTheCallersAuthority_AndRefusesOthers()
    {
        await _factory.Service<ICampaignCostSink>().RecordAsync("gent", BillingLedgerTests.Report(false, (DeliveryChannel.Sms, 40, 2.20m)));
        using var province = _factory.CreateClient(DemoKeyNames.Province);
        using var vendor = _factory.CreateClient(DemoKeyNames.Vendor);

        var gent = await _gent.GetFromJsonAsync<JsonElement>("/api/billing");
        var other = await province.GetFromJsonAsync<JsonElement>("/api/billing");
        using var byVendor = await vendor.GetAsync("/api/billing");
        using var byAdmin = await _admin.GetAsync("/api/billing");
        using var badMonths = await _gent.GetAsync("/api/billing?months=0");
        using var notANumber = await _gent.GetAsync("/api/billing?months=abc");

        Assert.Equal("gent", gent.GetProperty("authority").GetString());
        Assert.Equal(-2.20m, gent.GetProperty("balance").GetDecimal());
        Assert.True(gent.GetProperty("overdrawn").GetBoolean());
        Assert.Single(gent.GetProperty("overdrawnCharges").EnumerateArray());
        var usage = Assert.Single(gent.GetProperty("usage").EnumerateArray());
        Assert.Equal(("Sms", 40, 2.20m), (usage.GetProperty("channel").GetString(), usage.GetProperty("units").GetInt64(), usage.GetProperty("amount").GetDecimal()));
        Assert.Equal(0, other.GetProperty("usage").GetArrayLength());
        Assert.Equal(0m, other.GetProperty("balance").GetDecimal());
        Assert.Equal(HttpStatusCode.Forbidden, byVendor.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badMonths.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);

        var forAdmin = await _admin.GetFromJsonAsync<JsonElement>("/api/admin/billing/gent");
        Assert.Equal(-2.20m, forAdmin.GetProperty("balance").GetDecimal());
        using var unknown = await _admin.GetAsync("/api/admin/billing/atlantis");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task UsageCsv_ListsTheCallersLedger_OptionallyForOneMonth()
    {
        var sink = _factory.Service<ICampaignCostSink>();
        var report = BillingLedgerTests.Report(false, (DeliveryChannel.Sms, 40, 2.20m), (DeliveryChannel.Email, 40, 0m));
        await sink.RecordAsync("gent", report);
        await sink.RecordAsync("province-antwerpen", BillingLedgerTests.Report(false, (DeliveryChannel.Voice, 3, 0.165m)));
        var month = BillingLedger.MonthOf(TimeProvider.System.GetUtcNow());

        using var all = await _gent.GetAsync("/api/billing/usage.csv");
        using var thisMonth = await _gent.GetAsync($"/api/billing/usage.csv?month={month}");
        using var longAgo = await _gent.GetAsync("/api/billing/usage.csv?month=2001-01");
        using var bad = await _gent.GetAsync("/api/billing/usage.csv?month=2026-13");

        Assert.Equal("text/csv", all.Content.Headers.ContentType?.MediaType);
        var lines = (await all.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal("at,month,campaign_id,owner,channel,units,amount_eur,simulation,overdrawn,balance_after_eur", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Contains(report.CampaignId.ToString(), l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",Sms,40,2.2000,false,true,-2.2000", StringComparison.Ordinal));
        Assert.Equal(3, (await thisMonth.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n').Length);
        Assert.Single((await longAgo.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n'));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
