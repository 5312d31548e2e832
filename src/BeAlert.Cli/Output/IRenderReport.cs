using BeAlert.Cli.Rendering;

namespace BeAlert.Cli.Output;

/// <summary>Where <c>bealert render</c> writes its output: plain text or one JSON object.</summary>
internal interface IRenderReport
{
    /// <summary>Writes the outcome for one file.</summary>
    /// <param name="file">The outcome.</param>
    void WriteFile(RenderedFile file);

    /// <summary>Ends the output.</summary>
    void Complete();
}
