using System.CommandLine;
using BeAlert.Load;

var root = new RootCommand("BeAlert end-to-end load driver: runs one scenario against real peers and prints its measurements, the last line being one JSON object.");
foreach (var scenario in ScenarioRegistry.All)
{
    root.Subcommands.Add(scenario.CreateCommand());
}

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine("BeAlert.Load: " + error.Message);
    }

    Console.Error.WriteLine("Run 'BeAlert.Load --help' or 'BeAlert.Load SCENARIO --help' for usage.");
    return 2;
}

return await parse.InvokeAsync();
