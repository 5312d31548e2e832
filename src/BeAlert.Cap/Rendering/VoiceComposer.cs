using System.Globalization;
using System.Text;
using System.Xml;

namespace BeAlert.Cap;

/// <summary>
/// The voice script: status announcement, who speaks, the event (and the headline when it says more), the area, the
/// instruction, then the essentials again (<see cref="RenderOptions.VoiceRepetitions"/> times) and an end sentence.
/// The description is not read (calls are billed per started minute and people remember little of a long reading).
/// Over <see cref="RenderOptions.VoiceMaxCharacters"/>: repetitions go first, then the area list is cut or dropped,
/// then the headline is dropped (the event stays), then the instruction and the event are cut.
/// </summary>
internal static class VoiceComposer
{
    private const string SsmlNamespace = "http://www.w3.org/2001/10/synthesis";

    private const int PauseMilliseconds = 700;

    internal static VoiceScript Compose(RenderContent content)
    {
        var p = content.Phrases;
        var options = content.Options;
        var announcement = string.Join(' ', p.Announcements(content.Alert, options.Simulation));
        var from = content.Info is null ? string.Empty : Format(p.SayFrom, content.SenderName);
        var eventText = content.Info is null ? Sentence(content.Note) : Sentence(content.Event);
        var headline = content.Info is not null && content.Headline.Length > 0 && !SameWords(content.Headline, content.Event)
            ? Sentence(content.Headline)
            : string.Empty;
        var area = content.Areas;
        var instruction = content.Instruction;
        var repetitions = instruction.Length > 0 || headline.Length > 0 || eventText.Length > 0 ? options.VoiceRepetitions : 0;
        var shortened = content.Cut & (RenderParts.Event | RenderParts.Headline | RenderParts.Instruction | RenderParts.Area | RenderParts.Note);
        var omitted = RenderParts.None;
        var budget = options.VoiceMaxCharacters;

        List<string> Groups()
        {
            var groups = new List<string>();
            Add(groups, announcement);
            Add(groups, from);
            Add(groups, Join(eventText, headline));
            Add(groups, area.Length > 0 ? Format(p.SayArea, area.TrimEnd('.')) : string.Empty);
            Add(groups, instruction.Length > 0 ? Format(p.SayInstruction, Sentence(instruction)) : string.Empty);
            for (var i = 0; i < repetitions; i++)
            {
                var essentials = Join(announcement, headline.Length > 0 ? headline : eventText);
                Add(groups, Join(p.SayRepeat, Join(essentials, instruction.Length > 0 ? Format(p.SayInstruction, Sentence(instruction)) : string.Empty)));
            }

            Add(groups, p.SayEnd);
            return groups;
        }

        int Length() => Groups().Sum(g => g.Length + 1);

        while (Length() > budget && repetitions > 0)
        {
            repetitions--;
            omitted |= RenderParts.Repetition;
        }

        if (Length() > budget && area.Length > 0)
        {
            var room = area.Length - (Length() - budget);
            if (room >= 20)
            {
                area = RenderText.CutAtWord(area, room);
                shortened |= RenderParts.Area;
            }
            else
            {
                area = string.Empty;
                omitted |= RenderParts.Area;
            }
        }

        if (Length() > budget && headline.Length > 0)
        {
            headline = string.Empty;
            omitted |= RenderParts.Headline;
        }

        if (Length() > budget && instruction.Length > 0)
        {
            var room = Math.Max(RenderText.Ellipsis.Length + 1, instruction.Length - (Length() - budget));
            instruction = RenderText.CutAtWord(instruction, room);
            shortened |= RenderParts.Instruction;
        }

        if (Length() > budget && eventText.Length > 0)
        {
            var room = Math.Max(RenderText.Ellipsis.Length + 1, eventText.Length - (Length() - budget));
            eventText = RenderText.CutAtWord(eventText, room);
            shortened |= content.Info is null ? RenderParts.Note : RenderParts.Event;
        }

        if (Length() > budget)
        {
            from = string.Empty;
        }

        var final = Groups();
        var text = string.Join('\n', final);
        if (text.Length > budget)
        {
            // Only an absurdly long status or sender could get here; the limit still holds.
            text = RenderText.CutAtWord(text, budget);
            final = [.. text.Split('\n')];
        }
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        var duration = TimeSpan.FromMinutes(words / (double)options.VoiceWordsPerMinute)
            + TimeSpan.FromMilliseconds(PauseMilliseconds * Math.Max(0, final.Count - 1));
        var language = RenderText.Line(content.Language, 64, out _);
        return new VoiceScript(
            language.Length > 0 ? language : p.Code,
            text,
            Ssml(final, language.Length > 0 ? language : p.Code),
            TimeSpan.FromSeconds(Math.Round(duration.TotalSeconds)),
            shortened & ~omitted,
            omitted);
    }

    /// <summary>An SSML document: one paragraph per group, a pause between groups. XmlWriter escapes every value.</summary>
    private static string Ssml(List<string> groups, string language)
    {
        var output = new StringBuilder();
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false, NewLineHandling = NewLineHandling.Entitize };
        using (var writer = XmlWriter.Create(output, settings))
        {
            writer.WriteStartElement("speak", SsmlNamespace);
            writer.WriteAttributeString("version", "1.1");
            writer.WriteAttributeString("xml", "lang", null, language);
            for (var i = 0; i < groups.Count; i++)
            {
                if (i > 0)
                {
                    writer.WriteStartElement("break", SsmlNamespace);
                    writer.WriteAttributeString("time", PauseMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms");
                    writer.WriteEndElement();
                }

                writer.WriteElementString("p", SsmlNamespace, groups[i]);
            }

            writer.WriteEndElement();
        }

        return output.ToString();
    }

    private static void Add(List<string> groups, string group)
    {
        if (group.Length > 0)
        {
            groups.Add(group);
        }
    }

    private static string Join(string first, string second) =>
        first.Length == 0 ? second : second.Length == 0 ? first : first + " " + second;

    private static string Format(string pattern, string value) => string.Format(CultureInfo.InvariantCulture, pattern, value);

    /// <summary>A text that ends like a sentence, so the voice pauses after it.</summary>
    private static string Sentence(string text)
    {
        var trimmed = text.TrimEnd();
        if (trimmed.Length == 0)
        {
            return string.Empty;
        }

        return trimmed[^1] is '.' or '!' or '?' ? trimmed : trimmed.TrimEnd(',', ';', ':', '-') + ".";
    }

    private static bool SameWords(string a, string b) =>
        string.Equals(a.TrimEnd('.', '!', ' '), b.TrimEnd('.', '!', ' '), StringComparison.OrdinalIgnoreCase);
}
