using BeAlert.Dispatch.CrashChild;

// Usage: BeAlert.Dispatch.CrashChild <scenario> <database path>
// Prints "READY", then "DONE <step>" after each step whose task completed (so the data is durable), before starting
// the next one; "FINISHED" when the scenario ends. The parent kills it with SIGKILL at a moment of its choosing.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: BeAlert.Dispatch.CrashChild <scenario> <database path>");
    return 2;
}

if (!CrashScenarios.TryGet(args[0], out var scenario))
{
    Console.Error.WriteLine($"unknown scenario '{args[0]}'; known: {string.Join(", ", CrashScenarios.Names)}");
    return 2;
}

using var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
await scenario.RunAsync(args[1], stdout);
return 0;
