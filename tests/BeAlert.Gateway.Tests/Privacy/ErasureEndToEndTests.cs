using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BeAlert.Cap;
using BeAlert.Dispatch;
using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Storage;
using BeAlert.Gateway.Tests.Citizens;
using BeAlert.TestUtils;
using Dapper;

namespace BeAlert.Gateway.Tests.Privacy;

/// <summary>
/// GDPR art. 17 end to end: a citizen registers and confirms with a one-time code, a campaign reaches their phone and
/// e-mail, they erase their registration; then the raw storage is searched: every file in the data directory byte by
/// byte (SQLite: <c>gateway.db</c>, <c>dispatch.db</c> and their WALs) or every row of every table (PostgreSQL). Neither
/// the phone number (as text or as the plan codec's packed digits), nor the e-mail address, nor the code is found,
/// while the campaign's report still counts its deliveries.
/// </summary>
public sealed class ErasureEndToEndTests : IDisposable
{
    private const string Phone = "+32478561234";
    private const string Email = "erase-me-e2e@example.be";
    private readonly CitizensFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Erase_AfterACampaignReachedThem_TheirPhoneEmailAndCodeAreNowhereInStorage()
    {
        using var client = _factory.CreateClient();
        var (token, subscriberId, _) = await _factory.RegisterAsync(client, Phone, Email);
        var code = await _factory.Sent.WaitForCodeAsync(Phone);
        var host = _factory.Service<DispatchHost>();
        var alert = CapAlertBuilder.Create("test-gdpr-" + Guid.NewGuid().ToString("N"), "crisis@gent.be", new CapDateTime(DateTimeOffset.FromUnixTimeSeconds(1_790_000_000)))
            .AddInfo("nl", CapCategory.Fire, "Brand", CapUrgency.Immediate, CapSeverity.Severe, CapCertainty.Observed, i => i.Headline("Grote brand"))
            .Build();
        AudienceMember[] audience =
        [
            new(1, DeliveryChannels.Sms | DeliveryChannels.Email, "nl", "+32470000991", "someone.else@example.be", 44021),
            new(subscriberId, DeliveryChannels.Sms | DeliveryChannels.Email, "nl", Phone, Email, 44021),
        ];
        var handle = await host.Engine.StartCampaignAsync(new CampaignRequest(alert, DeliveryChannels.Sms | DeliveryChannels.Email, audience) { Name = "fire" });
        var before = await handle.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Contains(_factory.Sent.All, m => m.Key.CampaignId == handle.Id && m.Destination == Phone);
        Assert.Contains(_factory.Sent.All, m => m.Key.CampaignId == handle.Id && m.Destination == Email);
        var statesBefore = (await ReadAsync(host, handle.Id)).Select(d => (d.Planned.Sequence, d.Planned.Channel, d.Planned.MunicipalityNis, d.State)).ToList();
        Assert.Equal(before.Channels.Sum(c => c.Targeted), statesBefore.Count);
        var needles = Needles(code);
        Assert.NotEmpty(await FindAsync(needles)); // the search can fail: before the erasure, the data is there

        using (var me = _factory.CreateClient())
        {
            me.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var erased = await me.DeleteAsync("/api/citizens/me");
            Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        }

        Assert.Empty(await FindAsync(needles));
        var after = await ReadAsync(host, handle.Id);
        Assert.Equal(statesBefore, after.Select(d => (d.Planned.Sequence, d.Planned.Channel, d.Planned.MunicipalityNis, d.State)));
        Assert.Equal(2, after.Count(d => d.Planned.Destination == RecipientErasure.ErasedDestination));
        Assert.Contains(after, d => d.Planned.Destination == "+32470000991");
    }

    private static async Task<List<StoredDelivery>> ReadAsync(DispatchHost host, Guid campaignId)
    {
        var list = new List<StoredDelivery>();
        await foreach (var delivery in host.Store.ReadDeliveriesAsync(campaignId, onlyUnfinished: false))
        {
            list.Add(delivery);
        }

        return list;
    }

    /// <summary>The byte strings that must not be stored: phone (text and packed digits), e-mail, the code's message text.</summary>
    private static Dictionary<string, byte[]> Needles(string code) => new()
    {
        ["phone"] = Encoding.UTF8.GetBytes(Phone),
        ["phone digits"] = Encoding.UTF8.GetBytes(Phone.TrimStart('+')),
        ["phone packed"] = PackedDigits(Phone),
        ["e-mail"] = Encoding.UTF8.GetBytes(Email),
        ["code"] = Encoding.UTF8.GetBytes("code is " + code),
    };

    /// <summary>Where the needles are found: "name in place" for each hit.</summary>
    private async Task<List<string>> FindAsync(Dictionary<string, byte[]> needles)
    {
        var hits = new List<string>();
        if (_factory.Provider == StorageProvider.PostgreSql)
        {
            await using var connection = await _factory.Service<GatewayDatabase>().OpenAsync();
            var tables = (await connection.QueryAsync<string>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).ToList();
            Assert.Contains("dispatch_delivery", tables);
            foreach (var table in tables)
            {
                foreach (var row in await connection.QueryAsync<string>($"SELECT t::text FROM \"{table}\" t"))
                {
                    foreach (var (name, needle) in needles)
                    {
                        if (row.Contains(Encoding.UTF8.GetString(needle), StringComparison.OrdinalIgnoreCase)
                            || row.Contains(Convert.ToHexStringLower(needle), StringComparison.Ordinal))
                        {
                            hits.Add($"{name} in table {table}");
                        }
                    }
                }
            }

            return hits;
        }

        foreach (var file in Directory.EnumerateFiles(_factory.DataDirectory, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(".lock", StringComparison.Ordinal))
            {
                continue; // the store's empty lock file, held exclusively
            }

            foreach (var (name, needle) in needles)
            {
                if (RawFileSearch.Find(file, needle) is { } hit)
                {
                    hits.Add($"{name} in {Path.GetFileName(file)} at {hit.Offset}");
                }
            }
        }

        return hits;
    }

    private static byte[] PackedDigits(string phone) => RawFileSearch.PackedDigits(phone);

}
