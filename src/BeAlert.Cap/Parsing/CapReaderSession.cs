namespace BeAlert.Cap;

/// <summary>One parse: the hardened reader, the limits, the diagnostics and the source map. (Being written.)</summary>
internal sealed class CapReaderSession(CapParserOptions options)
{
    private readonly CapParserOptions _options = options;

    internal CapDocument Read(Stream stream) => throw new NotImplementedException(_options.Mode.ToString());

    internal CapDocument Read(string xml) => throw new NotImplementedException(xml);
}
