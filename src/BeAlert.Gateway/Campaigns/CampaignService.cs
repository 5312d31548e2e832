using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using BeAlert.Cap;
using BeAlert.Dispatch;
using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Population;
using BeAlert.Gateway.Security;

namespace BeAlert.Gateway.Campaigns;

/// <summary>The audience is empty: nobody to send to on the requested channels.</summary>
public sealed class EmptyAudienceException(string message) : Exception(message);

/// <summary>A campaign's resolved plan before it starts: who, how many, at what cost.</summary>
internal sealed record CampaignPlan(CampaignRequest Request, AudienceCounts Counts, CostEstimate Estimate, bool Simulation)
{
    public long Deliveries => Estimate.Channels.Sum(c => c.Deliveries);
}

/// <summary>A started campaign: its handle and its gateway record.</summary>
internal sealed record LaunchedCampaign(CampaignHandle Handle, CampaignEntry Entry, CampaignPlan Plan);

/// <summary>
/// Starts campaigns (<see cref="ICampaignLauncher"/>): checks the authority's rights, resolves the audience against the
/// population (under its read lock, members copied out), makes the plan durable through the dispatch engine, records the
/// campaign in the gateway database, and watches it to the end (report stored, every <see cref="ICampaignCostSink"/>
/// told). Campaigns the engine resumes after a crash are watched the same way.
/// </summary>
public sealed partial class CampaignService(
    DispatchHost host,
    PopulationService population,
    AuthorityStore authorities,
    CampaignStore store,
    CampaignCommandStore commands,
    AuditLog audit,
    IEnumerable<ICampaignCostSink> costSinks,
    TimeProvider time,
    ILogger<CampaignService> logger) : ICampaignLauncher
{
    /// <summary>Shown in reports and CSVs of simulation campaigns.</summary>
    public const string SimulationNotice = "SIMULATION: nothing left BeAlert; every text was marked SIMULATION.";

    private readonly ConcurrentDictionary<Guid, CampaignHandle> _live = new();
    private readonly ConcurrentDictionary<Guid, ImmutableList<(CampaignCommandRow Command, string Result)>> _applied = new();
    private readonly AuthorityRules _rules = new();

    /// <summary>The handle of a campaign running in this process.</summary>
    public CampaignHandle? FindLive(Guid id) => _live.GetValueOrDefault(id);

    public async Task<CampaignHandle> LaunchAsync(CampaignCommand command, CancellationToken cancellationToken = default) =>
        (await LaunchAsync(command, "{}", null, cancellationToken).ConfigureAwait(false)).Handle;

    /// <summary>Checks, resolves and prices a campaign without sending it.</summary>
    internal async Task<CampaignPlan> PlanAsync(CampaignCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var authority = await authorities.FindAsync(command.AuthorityId, cancellationToken).ConfigureAwait(false)
            ?? throw new CampaignRefusedException([$"The authority '{command.AuthorityId}' does not exist."]);
        var violations = _rules.Check(command.Audience, command.Channels, authority.ToOperatorAuthority());
        if (violations.Count > 0)
        {
            throw new CampaignRefusedException([.. violations.Select(v => v.ToString())]);
        }

        var simulation = authority.Simulation || command.Simulation;
        var engineChannels = command.Channels & ~DeliveryChannels.Signage;
        var (members, counts) = population.Read(directory =>
        {
            var resolution = new AudienceResolver(directory).Resolve(command.Audience, command.Alert, engineChannels);
            return (resolution.ToList(), resolution.Count());
        });

        var request = new CampaignRequest(command.Alert, engineChannels, members)
        {
            IsSimulation = simulation,
            Account = command.AuthorityId,
            Name = command.Name,
            Priority = command.Priority,
            CellBroadcastZones = engineChannels.Includes(DeliveryChannel.CellBroadcast) ? ZonesOf(command.Audience) : [],
        };
        var estimate = host.Engine.Estimate(request);
        var plan = new CampaignPlan(request, counts, estimate, simulation);
        if (plan.Deliveries == 0 && engineChannels != DeliveryChannels.None)
        {
            throw new EmptyAudienceException(
                $"Nobody in this audience can be reached on {string.Join(", ", CampaignRequestModel.ChannelNamesOf(engineChannels))} " +
                $"({counts.People} people found, none reachable on these channels).");
        }

        return plan;
    }

    internal async Task<LaunchedCampaign> LaunchAsync(CampaignCommand command, string audienceJson, HttpContext? context, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(command, cancellationToken).ConfigureAwait(false);
        var id = Guid.NewGuid();
        var name = command.Name
            ?? command.Alert.Infos.Select(i => i.Headline).FirstOrDefault(h => !string.IsNullOrWhiteSpace(h))
            ?? command.Alert.Identifier;
        if (name.Length > CampaignRequestModel.MaxNameLength)
        {
            name = name[..CampaignRequestModel.MaxNameLength];
        }

        var entry = new CampaignEntry(
            id,
            command.AuthorityId,
            command.KeyId,
            name,
            command.Alert.Identifier,
            command.TemplateId,
            CampaignRequestModel.ChannelNamesOf(command.Channels),
            audienceJson,
            plan.Simulation,
            time.GetUtcNow(),
            CampaignState.Running,
            null,
            plan.Counts.People,
            null);

        // From here the campaign is accepted: planning is not tied to the caller's request any more.
        await store.InsertAsync(entry, CancellationToken.None).ConfigureAwait(false);
        var request = new CampaignRequest(plan.Request.Alert, plan.Request.Channels, plan.Request.Audience)
        {
            CampaignId = id,
            Name = name,
            IsSimulation = plan.Request.IsSimulation,
            Account = plan.Request.Account,
            Priority = plan.Request.Priority,
            CellBroadcastZones = plan.Request.CellBroadcastZones,
        };

        CampaignHandle handle;
        try
        {
            handle = await host.Engine.StartCampaignAsync(request, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await store.FinishAsync(id, CampaignState.Failed, time.GetUtcNow(), FailureJson(entry, e.Message), CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var detail = $"alert {command.Alert.Identifier}; channels {string.Join(',', entry.Channels)}; {plan.Deliveries} deliveries" + (plan.Simulation ? "; SIMULATION" : string.Empty);
        if (command.Audience.Streets.Count > 0)
        {
            detail += "; streets " + CampaignStreets.Describe(command.Audience.Streets);
        }

        if (context is not null)
        {
            await audit.RecordAsync(context, "campaign.start", id.ToString("D"), detail, CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            await audit.RecordAsync(command.KeyId, null, command.AuthorityId, "campaign.start", id.ToString("D"), detail, null, CancellationToken.None).ConfigureAwait(false);
        }

        Watch(handle, entry);
        return new LaunchedCampaign(handle, entry, plan);
    }

    /// <summary>A command applied here to a campaign this instance runs (its live event stream shows it).</summary>
    internal void NoteCommand(CampaignCommandRow command, string result) =>
        _applied.AddOrUpdate(command.CampaignId, _ => [(command, result)], (_, list) => list.Add((command, result)));

    /// <summary>The commands applied here to a campaign, oldest first.</summary>
    internal IReadOnlyList<(CampaignCommandRow Command, string Result)> AppliedCommands(Guid id) =>
        _applied.TryGetValue(id, out var list) ? list : [];

    /// <summary>
    /// After the engine started: watch the campaigns it resumed, and settle the gateway records of campaigns a crash
    /// left "running" that the engine did not resume (abandoned while planning, or finished just before the crash).
    /// </summary>
    internal async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var resumed = host.Resumed.ToDictionary(h => h.Id);
        foreach (var entry in await store.ListRunningAsync(cancellationToken).ConfigureAwait(false))
        {
            if (resumed.TryGetValue(entry.Id, out var handle))
            {
                LogResumed(logger, entry.Id);
                Watch(handle, entry);
                continue;
            }

            var record = await host.Store.GetCampaignAsync(entry.Id, cancellationToken).ConfigureAwait(false);
            switch (record?.Status)
            {
                case CampaignStatus.Running or CampaignStatus.Planning:
                    continue; // another instance runs it (shared store), or it is still being planned
                case CampaignStatus.Completed:
                    await store.FinishAsync(entry.Id, CampaignState.Completed, time.GetUtcNow(), FailureJson(entry, "The campaign finished just before a restart; its detailed report was not kept (see the dispatch store)."), cancellationToken).ConfigureAwait(false);
                    break;
                case CampaignStatus.Cancelled when record.PlannedCount >= 0:
                    await store.FinishAsync(entry.Id, CampaignState.Cancelled, time.GetUtcNow(), FailureJson(entry, "The campaign was cancelled just before a restart; its detailed report was not kept."), cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await store.FinishAsync(entry.Id, CampaignState.Failed, time.GetUtcNow(), FailureJson(entry, "The gateway stopped before the campaign's plan was durable: nothing was sent. Start it again."), cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>
    /// A campaign this instance took over from another (shared PostgreSQL store: its instance's lease expired) and
    /// resumed on its engine: watch it like one started here, so its record, events and report follow it.
    /// </summary>
    internal async Task AdoptAsync(CampaignHandle handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (_live.ContainsKey(handle.Id))
        {
            return;
        }

        var entry = await store.FindAsync(handle.Id, cancellationToken).ConfigureAwait(false);
        if (entry is not null)
        {
            LogResumed(logger, entry.Id);
            Watch(handle, entry);
        }
    }

    /// <summary>The report as the API shows and stores it: the dispatch report (camelCase) plus mode, notice and origin.</summary>
    internal static string ReportJson(CampaignReport report, CampaignEntry entry, IReadOnlyList<CampaignCommandRow>? commands = null)
    {
        var node = JsonSerializer.SerializeToNode(report, CampaignRequestModel.Json)!.AsObject();
        node["mode"] = report.IsSimulation ? "SIMULATION" : "LIVE";
        if (report.IsSimulation)
        {
            node["notice"] = SimulationNotice;
        }

        node["authorityId"] = entry.AuthorityId;
        node["alertIdentifier"] = entry.AlertIdentifier;
        node["templateId"] = entry.TemplateId;
        node["people"] = entry.People;
        if (commands is { Count: > 0 })
        {
            node["commands"] = new JsonArray([.. commands.Select(c => (JsonNode?)CommandJson(c))]);
            if (report.Status == CampaignStatus.Cancelled && commands.FirstOrDefault(c => c.Kind is CampaignCommandKind.Cancel or CampaignCommandKind.AlertCancel) is { } cancel)
            {
                node["cancelledBy"] = CommandJson(cancel);
            }
        }

        return node.ToJsonString(CampaignRequestModel.Json);
    }

    /// <summary>A command as the report and the event stream show it (no secrets: the key id, never the key).</summary>
    internal static JsonObject CommandJson(CampaignCommandRow command, string? result = null) => new()
    {
        ["id"] = command.Id,
        ["kind"] = command.Kind.ToString(),
        ["alertIdentifier"] = command.AlertXml is null ? null : AlertIdentifierOf(command.AlertXml),
        ["requestedBy"] = command.RequestedBy,
        ["requestedAt"] = command.RequestedAt,
        ["appliedAt"] = command.AppliedAt,
        ["result"] = result ?? command.Result,
    };

    /// <summary>The report with the campaign's commands (read from the database: whichever instance applied them).</summary>
    internal async Task<string> ReportJsonAsync(CampaignReport report, CampaignEntry entry, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<CampaignCommandRow> list;
        try
        {
            list = await commands.ForCampaignAsync(entry.Id, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the report still goes out without its command list
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            list = [];
        }

        return ReportJson(report, entry, list);
    }

    private static string? AlertIdentifierOf(string xml)
    {
        try
        {
            return CapParser.Default.Parse(System.Text.Encoding.UTF8.GetBytes(xml)).Alert.Identifier;
        }
        catch (CapParseException)
        {
            return null;
        }
    }

    private static string FailureJson(CampaignEntry entry, string message)
    {
        var node = new JsonObject
        {
            ["campaignId"] = entry.Id,
            ["name"] = entry.Name,
            ["mode"] = entry.Simulation ? "SIMULATION" : "LIVE",
            ["isSimulation"] = entry.Simulation,
            ["authorityId"] = entry.AuthorityId,
            ["alertIdentifier"] = entry.AlertIdentifier,
            ["error"] = message,
        };
        if (entry.Simulation)
        {
            node["notice"] = SimulationNotice;
        }

        return node.ToJsonString(CampaignRequestModel.Json);
    }

    /// <summary>Cell-broadcast zones: one per municipality, per drawn area, or the whole country.</summary>
    private static List<string> ZonesOf(AudienceSpec spec)
    {
        if (spec.Everyone)
        {
            return ["national"];
        }

        var zones = new List<string>();
        zones.AddRange(spec.Municipalities.Select(m => $"nis-{m}"));
        zones.AddRange(spec.Areas.Select((_, i) => $"area-{i + 1}"));
        zones.AddRange(spec.Groups.Where(g => g.IsArea).Select(g => $"group-{g.Id}"));
        return zones;
    }

    private void Watch(CampaignHandle handle, CampaignEntry entry)
    {
        _live[handle.Id] = handle;
        _ = Task.Run(() => WatchAsync(handle, entry));
    }

    private async Task WatchAsync(CampaignHandle handle, CampaignEntry entry)
    {
        try
        {
            CampaignReport report;
            try
            {
                report = await handle.Completion.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return; // the engine stopped (shutdown or crash): the next start resumes the campaign
            }
#pragma warning disable CA1031 // a faulted campaign is recorded, not rethrown on a background task
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFaulted(logger, entry.Id, e);
                await store.FinishAsync(entry.Id, CampaignState.Failed, time.GetUtcNow(), FailureJson(entry, e.Message)).ConfigureAwait(false);
                return;
            }

            var state = report.Status == CampaignStatus.Cancelled ? CampaignState.Cancelled : CampaignState.Completed;
            if (await store.FinishAsync(entry.Id, state, report.FinishedAt, await ReportJsonAsync(report, entry).ConfigureAwait(false)).ConfigureAwait(false))
            {
                foreach (var sink in costSinks)
                {
                    try
                    {
                        await sink.RecordAsync(entry.AuthorityId, report).ConfigureAwait(false);
                    }
#pragma warning disable CA1031 // one failing sink must not stop the others
                    catch (Exception e)
#pragma warning restore CA1031
                    {
                        LogSinkFailed(logger, entry.Id, sink.GetType().Name, e);
                    }
                }
            }
        }
#pragma warning disable CA1031 // the database went away with the host (shutdown during a campaign): the next start settles it
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogWatchFailed(logger, entry.Id, e);
        }
        finally
        {
            _live.TryRemove(entry.Id, out _);
            _applied.TryRemove(entry.Id, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} resumed after a restart")]
    private static partial void LogResumed(ILogger logger, Guid campaignId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Campaign {CampaignId} failed")]
    private static partial void LogFaulted(ILogger logger, Guid campaignId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cost sink {Sink} failed for campaign {CampaignId}")]
    private static partial void LogSinkFailed(ILogger logger, Guid campaignId, string sink, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the end of campaign {CampaignId}; the next start settles it")]
    private static partial void LogWatchFailed(ILogger logger, Guid campaignId, Exception exception);
}

/// <summary>Runs after the dispatch engine started: watches resumed campaigns and settles the others.</summary>
internal sealed class CampaignRecovery(CampaignService campaigns) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => campaigns.RecoverAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
