using System.Text;

namespace BeAlert.Cap;

/// <summary>
/// The e-mail: the subject is the status prefix and the headline (or event) on one line (the sender's name when the
/// alert has neither); the bodies give the status
/// announcement, the headline, the description, the instruction, then the details (event, area, sender, times in
/// the alert's own offset, link, contact, reference). In the HTML body every value is HTML-encoded and only http and
/// https URIs become links.
/// </summary>
internal static class EmailComposer
{
    private const int MaxSubjectLength = 200;

    internal static EmailMessage Compose(RenderContent content)
    {
        var p = content.Phrases;
        var info = content.Info;
        var max = content.Options.MaxFieldLength;
        var subject = RenderText.CutAtWord(content.Prefix + content.Title, MaxSubjectLength);
        if (subject.Length == 0)
        {
            subject = content.Prefix.TrimEnd(' ', ':');
        }

        if (subject.Length == 0)
        {
            // No status prefix and nothing to title the message (no headline, no event: invalid CAP, rendered anyway):
            // a subject is never empty, so it names who sends it (a clean line, at least the default sender name).
            subject = content.SenderName;
        }

        var announcement = string.Join(' ', p.Announcements(content.Alert, content.Options.Simulation));
        var heading = content.Prefix + content.Title;
        var description = info is null ? string.Empty : RenderText.Paragraphs(info.Description, max, out _);
        var instruction = info is null ? string.Empty : RenderText.Paragraphs(info.Instruction, max, out _);
        var note = info is null ? RenderText.Paragraphs(content.Alert.Note, max, out _) : string.Empty;

        var details = new List<(string Label, string Value, bool IsLink)>();
        if (info is not null)
        {
            Detail(details, p.Event, content.Event);
            Detail(details, p.Area, content.Areas);
            Detail(details, p.Sender, content.SenderName);
        }

        Detail(details, p.Sent, p.Time(content.Alert.Sent));
        if (info is not null)
        {
            Detail(details, p.Effective, info.Effective is { } effective ? p.Time(effective) : string.Empty);
            Detail(details, p.Onset, info.Onset is { } onset ? p.Time(onset) : string.Empty);
            Detail(details, p.Expires, info.Expires is { } expires ? p.Time(expires) : string.Empty);
            var web = RenderText.Line(info.Web, 2048, out _);
            if (web.Length > 0)
            {
                details.Add((p.Web, web, RenderText.IsWebLink(web)));
            }
            else if (content.Link is { } link)
            {
                details.Add((p.Web, link, true));
            }

            Detail(details, p.Contact, RenderText.Line(info.Contact, max, out _));
        }
        else if (content.Link is { } link)
        {
            details.Add((p.Web, link, true));
        }

        Detail(details, p.Reference, RenderText.Line(content.Alert.Identifier, 500, out _));

        return new EmailMessage(
            content.Language,
            content.SenderName,
            subject,
            TextBody(p, announcement, heading, description, instruction, note, details),
            HtmlBody(p, content.Language, subject, announcement, heading, description, instruction, note, details));
    }

    private static void Detail(List<(string, string, bool)> details, string label, string value)
    {
        if (value.Length > 0)
        {
            details.Add((label, value, false));
        }
    }

    private static string TextBody(
        RenderPhrases p, string announcement, string heading, string description, string instruction, string note,
        List<(string Label, string Value, bool IsLink)> details)
    {
        var text = new StringBuilder();
        if (announcement.Length > 0)
        {
            text.Append(announcement).Append("\n\n");
        }

        text.Append(heading).Append("\n\n");
        if (note.Length > 0)
        {
            text.Append(p.Note).Append(":\n").Append(note).Append("\n\n");
        }

        if (description.Length > 0)
        {
            text.Append(description).Append("\n\n");
        }

        if (instruction.Length > 0)
        {
            text.Append(p.Instruction.TrimEnd('?', ':', ' ')).Append(":\n").Append(instruction).Append("\n\n");
        }

        foreach (var (label, value, _) in details)
        {
            text.Append(label).Append(": ").Append(value).Append('\n');
        }

        return text.ToString();
    }

    private static string HtmlBody(
        RenderPhrases p, string language, string subject, string announcement, string heading, string description,
        string instruction, string note, List<(string Label, string Value, bool IsLink)> details)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(HtmlText.Encode(language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(HtmlText.Encode(subject)).Append("</title>\n</head>\n<body>\n");
        if (announcement.Length > 0)
        {
            html.Append("<p><strong>").Append(HtmlText.Encode(announcement)).Append("</strong></p>\n");
        }

        html.Append("<h1>").Append(HtmlText.Encode(heading)).Append("</h1>\n");
        if (note.Length > 0)
        {
            html.Append("<h2>").Append(HtmlText.Encode(p.Note)).Append("</h2>\n");
            Paragraphs(html, note);
        }

        if (description.Length > 0)
        {
            Paragraphs(html, description);
        }

        if (instruction.Length > 0)
        {
            html.Append("<h2>").Append(HtmlText.Encode(p.Instruction)).Append("</h2>\n");
            Paragraphs(html, instruction);
        }

        if (details.Count > 0)
        {
            html.Append("<table>\n");
            foreach (var (label, value, isLink) in details)
            {
                html.Append("<tr><th scope=\"row\">").Append(HtmlText.Encode(label)).Append("</th><td>");
                if (isLink)
                {
                    var encoded = HtmlText.Encode(value);
                    html.Append("<a href=\"").Append(encoded).Append("\">").Append(encoded).Append("</a>");
                }
                else
                {
                    html.Append(HtmlText.Encode(value));
                }

                html.Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Blank-line separated paragraphs become &lt;p&gt;; single line breaks become &lt;br&gt;.</summary>
    private static void Paragraphs(StringBuilder html, string text)
    {
        foreach (var paragraph in text.Split("\n\n"))
        {
            html.Append("<p>");
            var lines = paragraph.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                {
                    html.Append("<br>\n");
                }

                html.Append(HtmlText.Encode(lines[i]));
            }

            html.Append("</p>\n");
        }
    }
}
