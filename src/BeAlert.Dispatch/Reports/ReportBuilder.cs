namespace BeAlert.Dispatch;

/// <summary>
/// Builds a campaign's final report from its store in one pass over its deliveries, so the report is the same
/// whether the campaign ran in one go or across crashes. Costs: SMS segments, started voice minutes or messages of
/// every delivery that reached a peer (Sent, Delivered, or failed after acceptance as Undeliverable), at the tariffs.
/// </summary>
internal static class ReportBuilder
{
    private const int MaxListedDuplicates = 10_000;

    public static async Task<CampaignReport> BuildAsync(
        IDeliveryStore store,
        CampaignRun run,
        CampaignStatus status,
        Tariffs tariffs,
        DateTimeOffset finishedAt,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var channels = new Tally?[5];
        var municipalities = new Dictionary<int, long[]>();
        var duplicates = new List<DeliveryKey>();
        var content = run.Content;
        await foreach (var delivery in store.ReadDeliveriesAsync(run.Id, onlyUnfinished: false, cancellationToken).ConfigureAwait(false))
        {
            var channel = delivery.Planned.Channel;
            var tally = channels[(int)channel] ??= new Tally();
            tally.Targeted++;
            tally.ByState[(int)delivery.State]++;
            if (delivery.State == DeliveryState.Failed)
            {
                tally.Reasons[delivery.Error] = tally.Reasons.GetValueOrDefault(delivery.Error) + 1;
            }

            if (delivery.IsPossibleDuplicate)
            {
                tally.Duplicates++;
                if (duplicates.Count < MaxListedDuplicates)
                {
                    duplicates.Add(new DeliveryKey(run.Id, delivery.Planned.Sequence));
                }
            }

            var billed = delivery.State is DeliveryState.Sent or DeliveryState.Delivered ||
                (delivery.State == DeliveryState.Failed && delivery.Error == DeliveryError.Undeliverable);
            if (billed)
            {
                var units = content.Get(channel, delivery.Planned.Language).BillableUnits;
                tally.Units += units;
                if (!municipalities.TryGetValue(delivery.Planned.MunicipalityNis, out var perChannel))
                {
                    perChannel = new long[10];
                    municipalities.Add(delivery.Planned.MunicipalityNis, perChannel);
                }

                perChannel[(int)channel] += units;
                perChannel[5 + (int)channel]++;
            }
        }

        var reports = new List<ChannelReport>();
        foreach (var counters in run.Counters)
        {
            var tally = channels[(int)counters.Channel] ?? new Tally();
            var first = counters.FirstSendTimestamp;
            var duration = first < 0 ? TimeSpan.Zero : time.GetElapsedTime(first, counters.LastSendTimestamp);
            var handled = tally.Targeted - tally.ByState[(int)DeliveryState.Pending] - tally.ByState[(int)DeliveryState.InFlight];
            reports.Add(new ChannelReport
            {
                Channel = counters.Channel,
                Targeted = tally.Targeted,
                Sent = tally.ByState[(int)DeliveryState.Sent],
                Delivered = tally.ByState[(int)DeliveryState.Delivered],
                Failed = tally.ByState[(int)DeliveryState.Failed],
                Skipped = tally.ByState[(int)DeliveryState.Skipped],
                Cancelled = tally.ByState[(int)DeliveryState.Cancelled],
                Unfinished = tally.ByState[(int)DeliveryState.Pending] + tally.ByState[(int)DeliveryState.InFlight],
                PossibleDuplicates = tally.Duplicates,
                FailureReasons = tally.Reasons,
                Duration = duration,
                AchievedRate = duration > TimeSpan.Zero ? handled / duration.TotalSeconds : 0,
                BillableUnits = tally.Units,
                Cost = tally.Units * tariffs.UnitPrice(counters.Channel),
            });
        }

        var costs = new List<MunicipalityCost>(municipalities.Count);
        foreach (var (nis, perChannel) in municipalities)
        {
            decimal cost = 0;
            long deliveries = 0;
            for (var c = 0; c < 5; c++)
            {
                cost += perChannel[c] * tariffs.UnitPrice((DeliveryChannel)c);
                deliveries += perChannel[5 + c];
            }

            costs.Add(new MunicipalityCost(nis, deliveries, cost));
        }

        costs.Sort((a, b) => b.Cost != a.Cost ? b.Cost.CompareTo(a.Cost) : a.MunicipalityNis.CompareTo(b.MunicipalityNis));
        return new CampaignReport
        {
            CampaignId = run.Id,
            Name = run.Record.Name,
            Status = status,
            IsSimulation = run.Record.IsSimulation,
            Account = run.Account,
            StartedAt = run.StartedAt,
            FinishedAt = finishedAt,
            Channels = reports,
            CostByMunicipality = costs,
            PossibleDuplicates = duplicates,
        };
    }

    private sealed class Tally
    {
        public long Targeted { get; set; }

        public long[] ByState { get; } = new long[7];

        public Dictionary<DeliveryError, long> Reasons { get; } = [];

        public long Duplicates { get; set; }

        public long Units { get; set; }
    }
}
