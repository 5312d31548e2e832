using System.Net;
using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Security;
using static BeAlert.Gateway.Tests.Alerts.AlertSamples;

namespace BeAlert.Gateway.Tests.Alerts;

/// <summary>
/// The "alert.posted" audit row is written in the alert's own transaction: there for every stored alert (with who,
/// what and the sequence), absent when the insert did not happen (duplicate, broken references), and concurrent posts
/// (which queue for SQLite's one writer) each get theirs.
/// </summary>
public sealed class AlertIngestAuditTests : IDisposable
{
    private readonly AlertsFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Post_StoredAlert_HasOneAuditRowWithTheCallerAndSequence()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var sequence = await PostSampleAsync(client, GentFire);

        var posted = (await _factory.Service<AuditLog>().ListAsync("gent")).Where(e => e.Action == "alert.posted").ToList();
        var entry = Assert.Single(posted);
        Assert.Equal("brandweer@gent.be,BE-GENT-2026-0412", entry.Target);
        Assert.Equal($"sequence {sequence}, Alert, Public, state Active", entry.Detail);
        Assert.Equal("gent", entry.AuthorityId);
        Assert.NotNull(entry.KeyId);
        Assert.NotNull(entry.KeyName);
        Assert.Equal(AlertsFactory.Start, entry.At);
    }

    [Fact]
    public async Task Post_DuplicateOrBrokenReferences_WritesNoPostedRow()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using (var orphanUpdate = await PostAsync(client, Bytes(GentUpdate)))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, orphanUpdate.StatusCode);
        }

        Assert.DoesNotContain(await _factory.Service<AuditLog>().ListAsync("gent"), e => e.Action == "alert.posted");

        await PostSampleAsync(client, GentFire);
        using (var again = await PostAsync(client, Bytes(GentFire)))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        Assert.Single(await _factory.Service<AuditLog>().ListAsync("gent"), e => e.Action == "alert.posted");
    }

    [Fact]
    public async Task Post_ManyConcurrently_EachStoredOnceWithItsAuditRow()
    {
        const int Count = 24;
        var template = Text(GentFire);
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var statuses = await Task.WhenAll(Enumerable.Range(0, Count).Select(async i =>
        {
            using var response = await PostAsync(client, template.Replace("BE-GENT-2026-0412", $"BE-GENT-CONCURRENT-{i:D2}", StringComparison.Ordinal));
            return response.StatusCode;
        }));
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));

        var targets = (await _factory.Service<AuditLog>().ListAsync("gent", 1_000)).Where(e => e.Action == "alert.posted").Select(e => e.Target).ToList();
        Assert.Equal(Count, targets.Count);
        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"brandweer@gent.be,BE-GENT-CONCURRENT-{i:D2}").Order(StringComparer.Ordinal), targets.Order(StringComparer.Ordinal));
    }
}
