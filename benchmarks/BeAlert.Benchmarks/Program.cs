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

if (args is ["cap-floors", .. var floorArgs])
{
    // One-off floors of a CAP parse by thread CPU time, interleaved: see Cap/ParseFloors.cs.
    return BeAlert.Benchmarks.Cap.ParseFloors.RunFloors(floorArgs);
}

if (args is ["cap-loop", .. var loopArgs])
{
    return BeAlert.Benchmarks.Cap.ParseFloors.RunLoop(loopArgs);
}

if (args is ["cap-points", .. var pointArgs])
{
    // The polygon point readers side by side (scalar, AVX2, AVX-512): see Cap/ParseFloors.cs.
    return BeAlert.Benchmarks.Cap.ParseFloors.RunPoints(pointArgs);
}

if (args is ["cap-ab", .. var abArgs])
{
    // Interleaved A/B of two BeAlert.Cap.dll builds (parse + validate): see Cap/ParseFloors.cs.
    return BeAlert.Benchmarks.Cap.ParseFloors.RunAb(abArgs);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
