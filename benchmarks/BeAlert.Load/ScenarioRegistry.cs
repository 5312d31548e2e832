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
        new GatewayScenario("gateway-ingest", "CAP ingest: N clients POST distinct valid alerts to the in-process gateway (SQLite) for a fixed time, beside /_load/baseline."),
        new GatewayScenario("gateway-feeds", "Feed reads: vendor Atom (with and without If-None-Match) and public GeoJSON at high concurrency, beside /_load/baseline."),
        new GatewayScenario("gateway-template", "Template send: call to the first message handed to the (simulation) transport, --runs sends one after the other, in-process gateway with N subscribers."),
        new GatewayScenario("gateway-startup", "Time to ready of the gateway process (dotnet BeAlert.Gateway.dll) with N synthetic subscribers."),
        new CbcScenario(),
        new VoiceScenario(),
        new CampaignScenario("polygon", "A drawn polygon among every address point: targeting time, then the campaign."),
    ];
}
