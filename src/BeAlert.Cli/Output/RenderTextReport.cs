using System.Globalization;
using BeAlert.Cap;
using BeAlert.Cli.Rendering;

namespace BeAlert.Cli.Output;

/// <summary>
/// Plain text: for each file a header <c>==&gt; path &lt;==</c>, one line of facts (language, coding, sizes, what was
/// shortened or left out), then the rendering itself, SMS segments and cell broadcast pages each under its own
/// <c>--- segment i/n</c> line.
/// </summary>
/// <param name="output">The destination.</param>
internal sealed class RenderTextReport(TextWriter output) : IRenderReport
{
    private bool _first = true;

    /// <inheritdoc />
    public void WriteFile(RenderedFile file)
    {
        if (!_first)
        {
            output.WriteLine();
        }

        _first = false;
        output.WriteLine($"==> {file.Path} <==");
        switch (file.Rendering)
        {
            case null:
                output.WriteLine("error: " + file.Error);
                break;
            case SmsMessage sms:
                output.WriteLine(Invariant($"language: {sms.Language}; coding: {RenderPartNames.Coding(sms.DataCoding)}; units: {sms.Segmentation.Units}; segments: {sms.SegmentCount}; cost per recipient: {sms.CostPerRecipient}; shortened: {RenderPartNames.Text(sms.Shortened)}; omitted: {RenderPartNames.Text(sms.Omitted)}"));
                Numbered("segment", sms.Segments);
                break;
            case CellBroadcastMessage cb:
                output.WriteLine(Invariant($"language: {cb.Language}; coding: {RenderPartNames.Coding(cb.DataCoding)}; data coding scheme: 0x{cb.DataCodingScheme:X2}; pages: {cb.Pages.Count}; shortened: {RenderPartNames.Text(cb.Shortened)}; omitted: {RenderPartNames.Text(cb.Omitted)}"));
                Numbered("page", cb.Pages);
                break;
            case VoiceScript voice:
                output.WriteLine(Invariant($"language: {voice.Language}; estimated duration: {voice.EstimatedDuration.TotalSeconds:0} s; shortened: {RenderPartNames.Text(voice.Shortened)}; omitted: {RenderPartNames.Text(voice.Omitted)}"));
                output.WriteLine(voice.Text);
                output.WriteLine("--- ssml");
                output.WriteLine(voice.Ssml);
                break;
            case EmailMessage email:
                output.WriteLine($"language: {email.Language}; sender name: {email.SenderName}");
                output.WriteLine("Subject: " + email.Subject);
                output.WriteLine("--- text");
                output.Write(email.TextBody);
                output.WriteLine("--- html");
                output.Write(email.HtmlBody);
                break;
            case SignageText signage:
                output.WriteLine(Invariant($"language: {signage.Language}; screen: {signage.Columns} columns, {signage.Lines.Count} lines used; shortened: {RenderPartNames.Text(signage.Shortened)}; omitted: {RenderPartNames.Text(signage.Omitted)}"));
                foreach (var line in signage.Lines)
                {
                    output.WriteLine(line);
                }

                break;
            default:
                throw new InvalidOperationException("Unknown rendering " + file.Rendering.GetType());
        }
    }

    /// <inheritdoc />
    public void Complete() => output.Flush();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private void Numbered(string what, IReadOnlyList<string> parts)
    {
        for (var i = 0; i < parts.Count; i++)
        {
            output.WriteLine(Invariant($"--- {what} {i + 1}/{parts.Count}"));
            output.WriteLine(parts[i]);
        }
    }
}
