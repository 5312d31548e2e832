using BenchmarkDotNet.Running;

if (args is ["population-scale", .. var rest])
{
    return BeAlert.Benchmarks.Dispatch.PopulationScale.Run(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
