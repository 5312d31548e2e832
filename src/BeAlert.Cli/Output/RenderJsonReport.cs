using System.Text.Json;
using BeAlert.Cap;
using BeAlert.Cli.Rendering;

namespace BeAlert.Cli.Output;

/// <summary>
/// One JSON object: <c>{"channel":"sms","files":[{"path":"a.xml","language":"nl-BE",...}]}</c>, the fields of each
/// file depending on the channel; a file that could not be rendered has <c>"error"</c> (and <c>"ioError":true</c>
/// when it could not be read at all). Written file by file, never as one string.
/// </summary>
internal sealed class RenderJsonReport : IRenderReport, IDisposable
{
    private readonly JsonChunkWriter _writer;
    private readonly Utf8JsonWriter _json;

    /// <summary>Starts the object: <c>{"channel":"...","files":[</c>.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="channel">The channel rendered.</param>
    public RenderJsonReport(TextWriter output, RenderChannel channel)
    {
        _writer = new JsonChunkWriter(output);
        _json = _writer.Json;
        _json.WriteStartObject();
        _json.WriteString("channel", RenderChannels.Name(channel));
        _json.WriteStartArray("files");
    }

    /// <inheritdoc />
    public void WriteFile(RenderedFile file)
    {
        _json.WriteStartObject();
        _json.WriteString("path", file.Path);
        switch (file.Rendering)
        {
            case null:
                _json.WriteString("error", file.Error);
                if (file.IsIoError)
                {
                    _json.WriteBoolean("ioError", true);
                }

                break;
            case SmsMessage sms:
                _json.WriteString("language", sms.Language);
                _json.WriteString("text", sms.Text);
                _json.WriteString("dataCoding", RenderPartNames.Coding(sms.DataCoding));
                _json.WriteNumber("units", sms.Segmentation.Units);
                Strings("segments", sms.Segments);
                _json.WriteNumber("tariffPerSegment", sms.TariffPerSegment);
                _json.WriteNumber("costPerRecipient", sms.CostPerRecipient);
                Parts(sms.Shortened, sms.Omitted);
                break;
            case CellBroadcastMessage cb:
                _json.WriteString("language", cb.Language);
                _json.WriteString("text", cb.Text);
                _json.WriteString("dataCoding", RenderPartNames.Coding(cb.DataCoding));
                _json.WriteNumber("dataCodingScheme", cb.DataCodingScheme);
                Strings("pages", cb.Pages);
                Parts(cb.Shortened, cb.Omitted);
                break;
            case VoiceScript voice:
                _json.WriteString("language", voice.Language);
                _json.WriteString("text", voice.Text);
                _json.WriteString("ssml", voice.Ssml);
                _json.WriteNumber("estimatedSeconds", (int)voice.EstimatedDuration.TotalSeconds);
                Parts(voice.Shortened, voice.Omitted);
                break;
            case EmailMessage email:
                _json.WriteString("language", email.Language);
                _json.WriteString("senderName", email.SenderName);
                _json.WriteString("subject", email.Subject);
                _json.WriteString("textBody", email.TextBody);
                _json.WriteString("htmlBody", email.HtmlBody);
                break;
            case SignageText signage:
                _json.WriteString("language", signage.Language);
                _json.WriteNumber("columns", signage.Columns);
                Strings("lines", signage.Lines);
                Parts(signage.Shortened, signage.Omitted);
                break;
            default:
                throw new InvalidOperationException("Unknown rendering " + file.Rendering.GetType());
        }

        _json.WriteEndObject();
        _writer.DrainIfFull();
    }

    /// <inheritdoc />
    public void Complete()
    {
        _json.WriteEndArray();
        _json.WriteEndObject();
        _writer.Complete();
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    private void Strings(string name, IReadOnlyList<string> values)
    {
        _json.WriteStartArray(name);
        foreach (var value in values)
        {
            _json.WriteStringValue(value);
        }

        _json.WriteEndArray();
    }

    private void Parts(RenderParts shortened, RenderParts omitted)
    {
        Strings("shortened", [.. RenderPartNames.Names(shortened)]);
        Strings("omitted", [.. RenderPartNames.Names(omitted)]);
    }
}
