namespace BeAlert.Dispatch.CrashChild;

/// <summary>Work a child process does until it is killed; each completed step is reported as <c>DONE n</c>.</summary>
public interface ICrashScenario
{
    /// <summary>Runs the scenario against the database at <paramref name="path"/>, writing the protocol lines to <paramref name="output"/>.</summary>
    Task RunAsync(string path, TextWriter output);
}
