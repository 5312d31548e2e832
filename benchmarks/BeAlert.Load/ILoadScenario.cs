using System.CommandLine;

namespace BeAlert.Load;

/// <summary>
/// One end-to-end load scenario, run as <c>BeAlert.Load NAME [options]</c>. To add one: a class in Scenarios/ and a
/// line in <see cref="ScenarioRegistry.All"/>. Its action prints progress to stderr while it runs and must end with
/// <see cref="LoadReport.Write"/>, whose JSON object is the last line on stdout. Every run must stop by itself.
/// </summary>
internal interface ILoadScenario
{
    /// <summary>The scenario's name on the command line (e.g. <c>smpp</c>).</summary>
    string Name { get; }

    /// <summary>The scenario's command: its options and its action.</summary>
    Command CreateCommand();
}
