using BeAlert.Cap;

namespace BeAlert.Cli.Geo;

/// <summary>One file read for the geographic commands: its alert, or why there is none.</summary>
/// <param name="Path">The file as given.</param>
/// <param name="Alert">The alert, or <see langword="null"/> when the file could not be read or parsed.</param>
/// <param name="Problem">The parse error (a CAP00xx diagnostic), when the document is not a readable CAP alert.</param>
/// <param name="IoError">The I/O error, when the file could not be read.</param>
internal sealed record AlertFile(string Path, CapAlert? Alert, CapDiagnostic? Problem, string? IoError);

/// <summary>Reads CAP files for <c>bealert areas</c> and <c>bealert convert</c>: strict parser, errors as values.</summary>
internal static class AlertFileReader
{
    /// <summary>Reads one file; an unreadable document or file is a value, never an exception.</summary>
    public static AlertFile Read(CapParser parser, string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            try
            {
                return new AlertFile(path, parser.Parse(stream).Alert, null, null);
            }
            catch (CapParseException e)
            {
                return new AlertFile(path, null, e.ToDiagnostic(), null);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new AlertFile(path, null, null, e.Message);
        }
    }
}
