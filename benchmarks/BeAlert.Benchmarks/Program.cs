using BenchmarkDotNet.Running;

if (args is ["engine-load", ..])
{
    // One-off end-to-end run of the dispatch engine (not a BenchmarkDotNet benchmark): see Dispatch/EngineLoadRun.cs.
    await BeAlert.Benchmarks.Dispatch.EngineLoadRun.RunAsync(args[1..]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
