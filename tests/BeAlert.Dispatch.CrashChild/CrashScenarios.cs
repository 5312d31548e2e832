using System.Diagnostics.CodeAnalysis;

namespace BeAlert.Dispatch.CrashChild;

/// <summary>The scenarios the child can run, by name. Add one here to crash-test another component.</summary>
public static class CrashScenarios
{
    private static readonly Dictionary<string, ICrashScenario> All = new(StringComparer.Ordinal)
    {
        ["store"] = new StoreCrashScenario(),
        ["engine-start"] = new EngineCrashScenario(EngineCrashMode.Start),
        ["engine-slow-plan"] = new EngineCrashScenario(EngineCrashMode.SlowPlan),
        ["engine-resume"] = new EngineCrashScenario(EngineCrashMode.Resume),
    };

    public static IEnumerable<string> Names => All.Keys;

    public static bool TryGet(string name, [NotNullWhen(true)] out ICrashScenario? scenario) => All.TryGetValue(name, out scenario);
}
