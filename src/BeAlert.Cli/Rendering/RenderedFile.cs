namespace BeAlert.Cli.Rendering;

/// <summary>The outcome for one input file of <c>bealert render</c>.</summary>
/// <param name="Path">The path as given (or found below a directory given).</param>
/// <param name="Rendering">The rendering (<c>SmsMessage</c>, <c>CellBroadcastMessage</c>, <c>VoiceScript</c>, <c>EmailMessage</c> or <c>SignageText</c>), or <see langword="null"/> on error.</param>
/// <param name="Error">Why the file could not be rendered, or <see langword="null"/>.</param>
/// <param name="IsIoError">Whether <paramref name="Error"/> is an I/O error (exit 2) rather than unreadable CAP (exit 1).</param>
internal sealed record RenderedFile(string Path, object? Rendering, string? Error = null, bool IsIoError = false);
