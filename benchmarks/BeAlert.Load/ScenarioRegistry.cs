using BeAlert.Load.Scenarios;

namespace BeAlert.Load;

/// <summary>Every scenario the driver knows. Add yours here (one line) and in Scenarios/ (one file).</summary>
internal static class ScenarioRegistry
{
    public static IReadOnlyList<ILoadScenario> All { get; } =
    [
        new SmppScenario(),
    ];
}
