using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using BeAlert.Cap;
using BeAlert.Gateway.Alerts;
using BeAlert.Gateway.Security;
using BeAlert.Gateway.Storage;
using BeAlert.Gateway.Tests.Alerts;
using BeAlert.TestUtils.Peers;
using Dapper;
using static BeAlert.Gateway.Tests.Alerts.AlertSamples;

namespace BeAlert.Gateway.Tests.MultiInstance;

/// <summary>
/// Several gateway instances on one database behave as one service. In the PostgreSQL run two in-process gateways share
/// one database. In the SQLite run a second gateway on the same data directory cannot start (the dispatch store is
/// single-instance), so "another instance" is a second writer on the same database file (the alert store used
/// directly, bypassing this process's ingest), and the rest asserts the single-instance behaviour.
/// </summary>
public sealed class MultiInstanceTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly AlertsFactory _a = new();
    private AlertsFactory? _b;

    public MultiInstanceTests()
    {
        _a.Settings["BeAlert:Alerts:FollowInterval"] = "00:00:00.100";
    }

    private bool Shared => _a.Provider == StorageProvider.PostgreSql;

    public void Dispose()
    {
        if (_b is not null)
        {
            _a.KeepData = true; // B drops the shared database when it goes
            _a.Dispose();
            _b.Dispose();
        }
        else
        {
            _a.Dispose();
        }
    }

    [Fact]
    public async Task Follower_AlertStoredByAnotherWriter_ReachesFeedsAndSseOnce()
    {
        using var vendor = _a.CreateClient(DemoKeyNames.Vendor);
        using var cts = new CancellationTokenSource(Bound);
        using var stream = await OpenEventsAsync(vendor, null, cts.Token);

        // Another writer on the same database: the row is committed without this process's ingest knowing.
        var sequence = await InsertDirectlyAsync(_a, GentFire);

        var feed = await WaitForAsync(() => vendor.GetStringAsync("/api/feeds/atom", cts.Token), f => f.Contains("BE-GENT-2026-0412", StringComparison.Ordinal), cts.Token);
        Assert.Contains("BE-GENT-2026-0412", feed, StringComparison.Ordinal);
        var publicMap = await _a.CreateClient().GetStringAsync("/api/public/alerts.geojson", cts.Token);
        Assert.Contains("BE-GENT-2026-0412", publicMap, StringComparison.Ordinal);
        var live = await NextEventAsync(stream, cts.Token);
        Assert.Equal(sequence, live.Id);

        // Applied once: the next poll rounds do not publish it again; the next event is the next alert.
        var polls = _a.Service<AlertFollower>().Polls;
        await WaitForAsync(() => Task.FromResult(_a.Service<AlertFollower>().Polls), p => p >= polls + 3, cts.Token);
        using var gent = _a.CreateClient(DemoKeyNames.Commune);
        var update = await PostSampleAsync(gent, GentUpdate);
        Assert.Equal(update, (await NextEventAsync(stream, cts.Token)).Id);
        Assert.Equal(1, _a.Service<ActiveAlertSet>().Count); // the update replaced the fire
    }

    [Fact]
    public async Task TwoInstances_AlertPostedOnA_IsInBsFeedsAndSse_AndItsCancelRemovesIt()
    {
        _ = _a.Server;
        if (!Shared)
        {
            // SQLite: one instance per data directory; a second one is refused at start instead of sending twice.
            _a.KeepData = true;
            using (var second = _a.ReopenWithClock())
            {
                second.KeepData = true; // A still runs on this directory
                var refused = Assert.ThrowsAny<Exception>(() => second.Server);
                Assert.Contains("in use", refused.ToString(), StringComparison.Ordinal);
            }

            _a.KeepData = false;
            return;
        }

        var b = StartPeer();
        using var onA = _a.CreateClient(DemoKeyNames.Commune);
        using var vendorB = b.CreateClient(DemoKeyNames.Vendor);
        using var cts = new CancellationTokenSource(Bound);
        using var stream = await OpenEventsAsync(vendorB, null, cts.Token);

        var fire = await PostSampleAsync(onA, GentFire);

        await WaitForAsync(() => vendorB.GetStringAsync("/api/feeds/rss", cts.Token), f => f.Contains("BE-GENT-2026-0412", StringComparison.Ordinal), cts.Token);
        Assert.Equal(fire, (await NextEventAsync(stream, cts.Token)).Id);

        var update = await PostSampleAsync(onA, GentUpdate);
        Assert.Equal(update, (await NextEventAsync(stream, cts.Token)).Id);
        var cancel = await PostSampleAsync(onA, GentCancel);
        Assert.Equal(cancel, (await NextEventAsync(stream, cts.Token)).Id);
        var feed = await WaitForAsync(() => vendorB.GetStringAsync("/api/feeds/atom", cts.Token), f => !f.Contains("BE-GENT-2026-0412", StringComparison.Ordinal), cts.Token);
        Assert.DoesNotContain("BE-GENT-2026-0412", feed, StringComparison.Ordinal);
        Assert.Equal(0, b.Service<ActiveAlertSet>().Count);
        Assert.Equal(0, _a.Service<ActiveAlertSet>().Count);
    }

    [Fact]
    public async Task Sse_LowerSequenceCommitsAfterAHigherOne_IsDeliveredFirstAndNotMissedOnResume()
    {
        using var vendor = _a.CreateClient(DemoKeyNames.Vendor);
        using var federal = _a.CreateClient(DemoKeyNames.Federal);
        using var cts = new CancellationTokenSource(Bound);
        using var stream = await OpenEventsAsync(vendor, null, cts.Token);
        long early;
        long late;
        if (Shared)
        {
            // PostgreSQL: the lower sequence's transaction stays open while a higher one commits.
            var database = _a.Service<GatewayDatabase>();
            await using var connection = await database.OpenAsync(cts.Token);
            await using var transaction = await connection.BeginTransactionAsync(cts.Token);
            early = await InsertRowAsync(connection, transaction, GentFire, cts.Token);
            late = await PostSampleAsync(federal, AntwerpPower);
            Assert.True(late > early);

            // The feeds have the committed one at once; SSE holds it back behind the open gap.
            var feed = await vendor.GetStringAsync("/api/feeds/atom", cts.Token);
            Assert.Contains("crisis@antwerpen.be", feed, StringComparison.Ordinal);
            Assert.DoesNotContain("BE-GENT-2026-0412", feed, StringComparison.Ordinal);
            Assert.Equal(early - 1, _a.Service<AlertFollower>().Published);
            await transaction.CommitAsync(cts.Token);
        }
        else
        {
            // SQLite: one writer at a time, so commits come in sequence order; both still arrive, in order.
            early = await InsertDirectlyAsync(_a, GentFire);
            late = await PostSampleAsync(federal, AntwerpPower);
        }

        Assert.Equal(early, (await NextEventAsync(stream, cts.Token)).Id);
        Assert.Equal(late, (await NextEventAsync(stream, cts.Token)).Id);

        // A client that saw only events before "early" resumes and gets both.
        using var resumed = await OpenEventsAsync(vendor, early - 1, cts.Token);
        Assert.Equal(early, (await NextEventAsync(resumed, cts.Token)).Id);
        Assert.Equal(late, (await NextEventAsync(resumed, cts.Token)).Id);
    }

    [Fact]
    public async Task Follower_GapOlderThanHoldBack_LaterAlertsGoOut_AndTheLateCommitStillReachesLiveStreams()
    {
        using var vendor = _a.CreateClient(DemoKeyNames.Vendor);
        using var federal = _a.CreateClient(DemoKeyNames.Federal);
        using var cts = new CancellationTokenSource(Bound);
        using var stream = await OpenEventsAsync(vendor, null, cts.Token);
        if (!Shared)
        {
            // SQLite never leaves a gap below a committed sequence: the alert goes out at once.
            var only = await PostSampleAsync(federal, AntwerpPower);
            Assert.Equal(only, (await NextEventAsync(stream, cts.Token)).Id);
            return;
        }

        var database = _a.Service<GatewayDatabase>();
        await using var connection = await database.OpenAsync(cts.Token);
        await using var transaction = await connection.BeginTransactionAsync(cts.Token);
        var early = await InsertRowAsync(connection, transaction, GentFire, cts.Token);
        var late = await PostSampleAsync(federal, AntwerpPower);
        _a.Time.Advance(TimeSpan.FromSeconds(3)); // past FollowHoldBack (2 s) on the gateway's clock

        Assert.Equal(late, (await NextEventAsync(stream, cts.Token)).Id);
        await transaction.CommitAsync(cts.Token);
        Assert.Equal(early, (await NextEventAsync(stream, cts.Token)).Id); // late, but not lost
        await WaitForAsync(() => vendor.GetStringAsync("/api/feeds/atom", cts.Token), f => f.Contains("BE-GENT-2026-0412", StringComparison.Ordinal), cts.Token);
    }

    [Fact]
    public async Task Webhook_TwoInstances_PushOncePerAlertAndVendor()
    {
        const string secret = "vendor-secret-0123456789";
        await using var receiver = await SignageReceiverPeer.StartAsync(secret);
        using var vendor = _a.CreateClient(DemoKeyNames.Vendor);
        using (var put = await vendor.PutAsJsonAsync("/api/feeds/webhook", new { url = receiver.Hook.AbsoluteUri, secret }))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var peers = Shared ? new[] { _a, StartPeer() } : [_a];
        using var gent = _a.CreateClient(DemoKeyNames.Commune);
        using var cts = new CancellationTokenSource(Bound);
        var fire = await PostSampleAsync(gent, GentFire);

        // Every instance has matched the alert against the webhooks, and nothing is left to push.
        foreach (var peer in peers)
        {
            await WaitForAsync(() => Task.FromResult(peer.Service<WebhookDispatcher>().Seen), n => n >= 1, cts.Token);
        }

        await WaitForAsync(() => _a.Service<WebhookStore>().PendingAsync(cts.Token), n => n == 0, cts.Token);
        var push = Assert.Single(receiver.Pushes);
        Assert.Equal($"{fire}-", push.DeliveryKey[..($"{fire}-".Length)]);
        Assert.Equal("1", push.Attempt);
    }

    [Fact]
    public async Task Webhook_RetryPendingAtShutdown_IsSentAfterTheRestart()
    {
        const string secret = "vendor-secret-0123456789";
        await using var receiver = await SignageReceiverPeer.StartAsync(secret);
        receiver.Script(new PeerReply(503));
        using (var vendor = _a.CreateClient(DemoKeyNames.Vendor))
        using (var put = await vendor.PutAsJsonAsync("/api/feeds/webhook", new { url = receiver.Hook.AbsoluteUri, secret }))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using var cts = new CancellationTokenSource(Bound);
        using (var gent = _a.CreateClient(DemoKeyNames.Commune))
        {
            await PostSampleAsync(gent, GentFire);
        }

        await WaitForAsync(() => Task.FromResult(receiver.Pushes.Count), n => n >= 1, cts.Token);
        // The failed first attempt is settled (attempts 1, due again after 1 s on the frozen clock) before the stop.
        await WaitForAsync(() => AttemptsAsync(_a, cts.Token), n => n == 1, cts.Token);
        Assert.Equal(1L, await _a.Service<WebhookStore>().PendingAsync(cts.Token));

        _a.KeepData = true;
        _a.Dispose();
        using var restarted = _a.ReopenWithClock();
        restarted.Settings["BeAlert:Alerts:FollowInterval"] = "00:00:00.100";
        _ = restarted.Server;
        restarted.Time.Advance(TimeSpan.FromSeconds(60)); // past the backoff, and past the claim if A stopped mid-push

        await WaitForAsync(() => Task.FromResult(receiver.Pushes.Count), n => n >= 2, cts.Token);
        Assert.Equal(["1", "2"], receiver.Pushes.Select(p => p.Attempt));
        await WaitForAsync(() => restarted.Service<WebhookStore>().PendingAsync(cts.Token), n => n == 0, cts.Token);
        _a.KeepData = false;
    }

    [Fact]
    public async Task Insert_Duplicate_DoesNotConsumeASequence()
    {
        using var gent = _a.CreateClient(DemoKeyNames.Commune);
        var first = await PostSampleAsync(gent, GentFire);
        using (var duplicate = await PostAsync(gent, Bytes(GentFire)))
        {
            Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        }

        var next = await PostSampleAsync(gent, GentUpdate);
        Assert.Equal(first + 1, next); // no gap for the followers to wait for
    }

    [Fact]
    public void Options_FollowSettingsOutOfRange_AreListed()
    {
        var options = new AlertsOptions { FollowInterval = TimeSpan.Zero, FollowPageSize = 0, FollowHoldBack = TimeSpan.FromMinutes(10) };
        var errors = options.Validate();
        Assert.Contains(errors, e => e.Contains("FollowInterval", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("FollowPageSize", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("FollowHoldBack", StringComparison.Ordinal));
    }

    private static async Task<long> AttemptsAsync(GatewayFactory factory, CancellationToken cancellationToken)
    {
        await using var connection = await factory.Service<GatewayDatabase>().OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COALESCE(MAX(attempts), 0) FROM alert_webhook_outbox", cancellationToken: cancellationToken));
    }

    private AlertsFactory StartPeer()
    {
        _a.KeepData = true;
        _b = _a.ReopenWithClock();
        foreach (var (key, value) in _a.Settings)
        {
            _b.Settings[key] = value;
        }

        _ = _b.Server;
        _a.KeepData = false;
        return _b;
    }

    internal static async Task<long> InsertDirectlyAsync(GatewayFactory factory, string sample)
    {
        var database = factory.Service<GatewayDatabase>();
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var sequence = await InsertRowAsync(connection, transaction, sample, CancellationToken.None);
        await transaction.CommitAsync();
        return sequence;
    }

    /// <summary>The row another instance's ingest would write (Active, in force at the factories' fake time).</summary>
    private static async Task<long> InsertRowAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string sample, CancellationToken cancellationToken)
    {
        var raw = Bytes(sample);
        var cap = CapParser.Default.Parse(raw).Alert;
        var areas = AlertAreas.Of(cap);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO alerts (identifier, sender, sent, authority_id, key_id, received_at, expires, status, msg_type, scope,
                                municipalities, nationwide, refs, state, simulation, raw)
            VALUES (@identifier, @sender, @sent, 'gent', NULL, @sent, @expires, @status, @msgType, @scope, @municipalities, 0, NULL, 'Active', 0, @raw)
            RETURNING sequence
            """,
            new
            {
                identifier = cap.Identifier,
                sender = cap.Sender,
                sent = cap.Sent.Value.ToUnixTimeMilliseconds(),
                expires = AlertsFactory.Start.AddDays(2).ToUnixTimeMilliseconds(),
                status = cap.Status.ToString(),
                msgType = cap.MsgType.ToString(),
                scope = cap.Scope.ToString(),
                municipalities = string.Join(',', areas.Municipalities),
                raw,
            },
            transaction,
            cancellationToken: cancellationToken));
    }

    internal static async Task<StreamReader> OpenEventsAsync(HttpClient client, long? lastEventId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/feeds/events");
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(CultureInfo.InvariantCulture));
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
    }

    internal static async Task<(long Id, string Event)> NextEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        long id = -1;
        var type = string.Empty;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0 && id >= 0)
            {
                return (id, type);
            }

            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = long.Parse(line[4..], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
        }

        throw new EndOfStreamException("The event stream ended.");
    }

    internal static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, CancellationToken cancellationToken)
    {
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            await Task.Delay(25, cancellationToken);
        }
    }
}
