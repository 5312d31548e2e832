using BeAlert.Load.Scenarios;

namespace BeAlert.Load;

/// <summary>Every scenario the driver knows. Add yours here (one line) and in Scenarios/ (one file).</summary>
internal static class ScenarioRegistry
{
    public static IReadOnlyList<ILoadScenario> All { get; } =
    [
        new SmppScenario(),
        new SmtpCommandScenario(),
        new CampaignScenario("national", "A national alert: every synthetic subscriber, simulation transport, SQLite store; times resolution to final report."),
        new CampaignScenario("commune", "One municipality's polygon among every address point: targeting time, then the campaign."),
        new StoreScenario(),
        new CampaignScenario("polygon", "A drawn polygon among every address point: targeting time, then the campaign."),
    ];
}
