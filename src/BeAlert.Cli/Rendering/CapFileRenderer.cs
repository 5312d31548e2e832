using BeAlert.Cap;

namespace BeAlert.Cli.Rendering;

/// <summary>Reads one CAP file and renders it for a channel and language.</summary>
/// <param name="parser">The parser.</param>
/// <param name="renderer">The renderer.</param>
/// <param name="channel">The channel.</param>
/// <param name="language">The requested language.</param>
internal sealed class CapFileRenderer(CapParser parser, CapRenderer renderer, RenderChannel channel, string language)
{
    /// <summary>Renders one file; a file that cannot be opened or read as CAP is an error value, never an exception.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The outcome.</returns>
    public RenderedFile Render(string path)
    {
        CapDocument document;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            if (!parser.TryParse(stream, out var parsed, out var error))
            {
                return new RenderedFile(path, null, $"{error.Code}: {error.Message}");
            }

            document = parsed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new RenderedFile(path, null, e.Message, IsIoError: true);
        }

        var alert = document.Alert;
        object rendering = channel switch
        {
            RenderChannel.Sms => renderer.RenderSms(alert, language),
            RenderChannel.CellBroadcast => renderer.RenderCellBroadcast(alert, language),
            RenderChannel.Voice => renderer.RenderVoice(alert, language),
            RenderChannel.Email => renderer.RenderEmail(alert, language),
            RenderChannel.Signage => renderer.RenderSignage(alert, language),
            _ => throw new InvalidOperationException($"Unknown channel {channel}."),
        };
        return new RenderedFile(path, rendering);
    }
}
