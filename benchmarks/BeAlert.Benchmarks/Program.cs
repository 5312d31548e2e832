using BenchmarkDotNet.Running;

if (args is ["engine-load", ..])
{
    // One-off end-to-end run of the dispatch engine (not a BenchmarkDotNet benchmark): see Dispatch/EngineLoadRun.cs.
    await BeAlert.Benchmarks.Dispatch.EngineLoadRun.RunAsync(args[1..]);
    return 0;
}

if (args is ["population-scale", .. var rest])
{
    // One-off national-scale population measurement: see Dispatch/PopulationScale.cs.
    return BeAlert.Benchmarks.Dispatch.PopulationScale.Run(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
