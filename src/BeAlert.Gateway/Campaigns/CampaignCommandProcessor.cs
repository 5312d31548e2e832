using BeAlert.Cap;
using BeAlert.Dispatch;
using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Hosting;
using BeAlert.Gateway.Storage;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Campaigns;

/// <summary>
/// Applies the <c>campaign_commands</c> rows addressed to the campaigns this instance's engine runs: every
/// <see cref="CampaignCommandOptions.PollInterval"/> (a bounded page of pending rows, read through a partial index), or
/// at once when a request on this instance addressed a campaign running here (<see cref="Wake"/>). A command for a
/// campaign that runs elsewhere is left to that instance; one whose campaign has ended is settled as such. A campaign
/// resumed after a restart, or adopted from a dead instance, is live here from then on, so its pending commands are
/// applied at the next poll.
/// <para>
/// Update and Cancel alerts go through the dispatch engine's own path (<see cref="DispatchEngine.StartCampaignAsync"/>
/// with the alert, no channels and an empty audience): the engine cancels, or changes the queued text of, the running
/// campaigns whose alert the message references, and records the Update durably (a resumed campaign keeps the new text).
/// Applying a command twice (a crash between apply and settle) is harmless: cancel is idempotent and the same Update
/// sets the same text.
/// </para>
/// </summary>
public sealed partial class CampaignCommandProcessor(
    CampaignCommandStore queue,
    CampaignStore store,
    CampaignService campaigns,
    DispatchHost host,
    AuditLog audit,
    IOptions<CampaignCommandOptions> options,
    IOptions<GatewayOptions> gateway,
    ILogger<CampaignCommandProcessor> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CampaignCommandOptions _options = options.Value;
    private readonly string _instance = host.Store is PostgresDeliveryStore shared ? shared.InstanceId : gateway.Value.Storage.InstanceId ?? Environment.MachineName;
    private long _polls;
    private long _applied;

    /// <summary>How many polls ran (tests wait for a round; the idle-cost measurement counts them).</summary>
    public long Polls => Interlocked.Read(ref _polls);

    /// <summary>How many commands this instance applied.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>Look for commands now (a request on this instance addressed a campaign that runs here).</summary>
    public void Wake() => WakeSignal.Signal(_wake);

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    /// <summary>One round: every pending command, page by page; applies those for campaigns running here.</summary>
    /// <returns>The commands settled in this round.</returns>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var settled = 0;
        long after = 0;
        while (true)
        {
            var page = await queue.PendingAsync(after, _options.PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var command in page)
            {
                after = command.Id;
                if (await TryApplyAsync(command, cancellationToken).ConfigureAwait(false))
                {
                    settled++;
                }
            }

            if (page.Count < _options.PageSize)
            {
                break;
            }
        }

        Interlocked.Increment(ref _polls);
        return settled;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // a database hiccup must not stop the loop: the rows stay pending for the next round
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogRoundFailed(logger, ex);
            }

            try
            {
                // The cadence runs on the system clock (a frozen test clock must not stop it), like AlertFollower.
                await _wake.WaitAsync(_options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task<bool> TryApplyAsync(CampaignCommandRow command, CancellationToken cancellationToken)
    {
        if (!host.Engine.TryGetCampaign(command.CampaignId, out var handle) || handle is null)
        {
            // Not running here: another instance runs it (it applies the command), or it has ended.
            var entry = await store.FindAsync(command.CampaignId, cancellationToken).ConfigureAwait(false);
            if (entry is null || entry.Status != CampaignState.Running)
            {
                return await queue.SettleAsync(command.Id, $"not applied: the campaign had already ended ({entry?.Status.ToString() ?? "unknown"})", cancellationToken).ConfigureAwait(false);
            }

            return false;
        }

        if (handle.Completion.IsCompleted)
        {
            return false; // finishing: its row is being written; the next round settles the command as ended
        }

        var campaign = await store.FindAsync(command.CampaignId, cancellationToken).ConfigureAwait(false);
        if (campaign is null)
        {
            return false; // a campaign of the engine the gateway does not know (not started through the gateway)
        }

        string result;
        switch (command.Kind)
        {
            case CampaignCommandKind.Cancel:
                await handle.CancelAsync(cancellationToken).ConfigureAwait(false);
                result = $"cancelled by instance {_instance}";
                break;
            case CampaignCommandKind.AlertCancel or CampaignCommandKind.AlertUpdate:
                CapAlert alert;
                try
                {
                    alert = CapParser.Default.Parse(System.Text.Encoding.UTF8.GetBytes(command.AlertXml ?? string.Empty)).Alert;
                }
                catch (CapParseException e)
                {
                    return await queue.SettleAsync(command.Id, "not applied: the stored alert cannot be read: " + e.Message, cancellationToken).ConfigureAwait(false);
                }

                // The engine's own path for an Update or Cancel: it finds the running campaigns the alert references.
                var request = new CampaignRequest(alert, DeliveryChannels.None, [])
                {
                    IsSimulation = campaign.Simulation,
                    Account = campaign.AuthorityId,
                    Name = $"{alert.MsgType} {alert.Identifier} (posted alone) for campaign {campaign.Id:D}",
                };
                await host.Engine.StartCampaignAsync(request, cancellationToken).ConfigureAwait(false);
                result = alert.MsgType == CapMessageType.Cancel
                    ? $"cancelled by the Cancel alert {alert.Identifier} on instance {_instance}"
                    : $"queued texts replaced by the Update alert {alert.Identifier} on instance {_instance}";
                break;
            default:
                return await queue.SettleAsync(command.Id, "not applied: unknown command", cancellationToken).ConfigureAwait(false);
        }

        campaigns.NoteCommand(command, result);
        var settled = await queue.SettleAsync(command.Id, result, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _applied);
        LogApplied(logger, command.Id, command.Kind, command.CampaignId, _instance);
        await audit.RecordAsync(
            command.RequestedBy,
            null,
            campaign.AuthorityId,
            command.Kind == CampaignCommandKind.Cancel ? "campaign.cancel" : "campaign.alert-applied",
            campaign.Id.ToString("D"),
            $"command {command.Id} ({command.Kind}) applied: {result}; requested at {command.RequestedAt:O}",
            command.RequestedFrom,
            CancellationToken.None).ConfigureAwait(false);
        return settled;
    }

    [LoggerMessage(EventId = 6111, Level = LogLevel.Information, Message = "Campaign command {CommandId} ({Kind}) applied to campaign {CampaignId} on instance {InstanceId}")]
    private static partial void LogApplied(ILogger logger, long commandId, CampaignCommandKind kind, Guid campaignId, string instanceId);

    [LoggerMessage(EventId = 6112, Level = LogLevel.Warning, Message = "Campaign command round failed; retrying at the next round")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
