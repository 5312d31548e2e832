using System.Globalization;
using System.Text;
using System.Text.Json;
using BeAlert.Dispatch;

namespace BeAlert.Gateway.Campaigns;

/// <summary>
/// A campaign's final report as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line
/// break quoted, quotes doubled): one row per channel, one per municipality's share of the cost, a total. Every row
/// has the header's fields; the first line of a simulation campaign's CSV says SIMULATION.
/// </summary>
internal static class CampaignReportCsv
{
    private static readonly string[] Header =
    [
        "record", "channel", "municipalityNis", "targeted", "sent", "delivered", "failed", "skipped", "cancelled",
        "unfinished", "possibleDuplicates", "billableUnits", "deliveries", "costEur",
    ];

    public static string Write(CampaignEntry entry, string reportJson)
    {
        var builder = new StringBuilder();
        if (entry.Simulation)
        {
            Row(builder, ["SIMULATION", CampaignService.SimulationNotice]);
        }

        Row(builder, Header);
        CampaignReport? report = null;
        try
        {
            report = JsonSerializer.Deserialize<CampaignReport>(reportJson, CampaignRequestModel.Json);
        }
        catch (JsonException)
        {
            // a campaign that failed or ended across a restart keeps only a note (below)
        }

        if (report is null)
        {
            var note = JsonDocument.Parse(reportJson).RootElement.TryGetProperty("error", out var error) ? error.GetString() : null;
            Row(builder, ["note", note ?? "No detailed report was kept for this campaign."]);
            return builder.ToString();
        }

        foreach (var c in report.Channels)
        {
            Row(builder,
            [
                "channel", CampaignRequestModel.NameOf(c.Channel), string.Empty, N(c.Targeted), N(c.Sent), N(c.Delivered), N(c.Failed), N(c.Skipped),
                N(c.Cancelled), N(c.Unfinished), N(c.PossibleDuplicates), N(c.BillableUnits), N(c.Sent + c.Delivered), M(c.Cost),
            ]);
        }

        foreach (var m in report.CostByMunicipality)
        {
            Row(builder, ["municipality", string.Empty, N(m.MunicipalityNis), string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, N(m.Deliveries), M(m.Cost)]);
        }

        var all = report.Channels;
        Row(builder,
        [
            "total", string.Empty, string.Empty, N(all.Sum(c => c.Targeted)), N(all.Sum(c => c.Sent)), N(all.Sum(c => c.Delivered)), N(all.Sum(c => c.Failed)),
            N(all.Sum(c => c.Skipped)), N(all.Sum(c => c.Cancelled)), N(all.Sum(c => c.Unfinished)), N(all.Sum(c => c.PossibleDuplicates)),
            N(all.Sum(c => c.BillableUnits)), N(all.Sum(c => c.Sent + c.Delivered)), M(report.TotalCost),
        ]);
        return builder.ToString();
    }

    /// <summary>Writes one record padded to the header's width.</summary>
    internal static void Row(StringBuilder builder, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < Header.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(Quote(i < fields.Count ? fields[i] : string.Empty));
        }

        builder.Append("\r\n");
    }

    internal static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string M(decimal value) => value.ToString("0.00####", CultureInfo.InvariantCulture);
}
