namespace BeAlert.Cap;

/// <summary>
/// The length policy of the paged channels (SMS, cell broadcast). The text is the status prefix followed by the
/// title, description, instruction and link on separate lines (in the channel's order). When it does not fit, parts
/// give way in this order, each one only as far as needed:
/// <list type="number">
/// <item>the description is cut at a word boundary, or left out;</item>
/// <item>the title (headline) is cut at a word boundary; else the event replaces it; else it is left out;</item>
/// <item>the instruction is cut at a word boundary, keeping at least half of it, with the link still there;</item>
/// <item>the link gives way to the default link when that is shorter, else it is left out;</item>
/// <item>the instruction is cut at a word boundary, else inside a word, else left out.</item>
/// </list>
/// The status prefix always stays. Cuts never split a surrogate pair; they end with "..." unless they end a sentence.
/// </summary>
internal sealed class TextFitter
{
    private readonly Func<string, bool> _fits;
    private readonly string _prefix;
    private readonly Slot[] _layout;
    private readonly string? _defaultLink;

    /// <summary>A description cut shorter than this says too little to keep: it is left out instead.</summary>
    private const int MinDescription = 30;

    /// <summary>A headline cut shorter than this gives way to the event.</summary>
    private const int MinTitle = 15;

    private TextFitter(Func<string, bool> fits, string prefix, Slot[] layout, string? defaultLink)
    {
        _fits = fits;
        _prefix = prefix;
        _layout = layout;
        _defaultLink = defaultLink;
    }

    /// <summary>The parts a slot can hold.</summary>
    internal enum SlotKind
    {
        Title,
        Description,
        Instruction,
        Link,
    }

    /// <summary>Fits the content into the channel.</summary>
    /// <param name="content">The content.</param>
    /// <param name="order">The order of the slots in the text.</param>
    /// <param name="transform">A transformation of every value before measuring (GSM-friendly punctuation).</param>
    /// <param name="fits">Whether a whole text fits the channel.</param>
    /// <returns>The text and what was shortened or left out.</returns>
    internal static (string Text, RenderParts Shortened, RenderParts Omitted) Fit(
        RenderContent content, SlotKind[] order, Func<string, string> transform, Func<string, bool> fits)
    {
        var slots = order.Select(kind => kind switch
        {
            SlotKind.Title => new Slot(kind, content.TitlePart, transform(content.Title)),
            SlotKind.Description => new Slot(kind, RenderParts.Description, transform(content.Description)),
            SlotKind.Instruction => new Slot(kind, RenderParts.Instruction, transform(content.Instruction)),
            _ => new Slot(kind, RenderParts.Link, content.Link ?? string.Empty),
        }).ToArray();
        var defaultLink = content.Options.DefaultInfoUrl;
        var fitter = new TextFitter(fits, transform(content.Prefix), slots, defaultLink);
        var text = fitter.Run(content, transform);
        var shown = content.TitlePart | RenderParts.Description | RenderParts.Instruction;
        var shortened = RenderParts.None;
        var omitted = RenderParts.None;
        foreach (var slot in slots)
        {
            shortened |= slot.Shortened;
            omitted |= slot.Omitted;
            if (slot.Kind == SlotKind.Title)
            {
                shown |= slot.Part;
            }
        }

        shortened |= content.Cut & shown;
        return (text, shortened & ~omitted, omitted);
    }

    private string Run(RenderContent content, Func<string, string> transform)
    {
        if (_fits(Compose()))
        {
            return Compose();
        }

        var title = Find(SlotKind.Title);
        var description = Find(SlotKind.Description);
        var instruction = Find(SlotKind.Instruction);
        var link = Find(SlotKind.Link);

        // 1. The description gives way first.
        if (description is not null && !CutAtWords(description, MinDescription))
        {
            Drop(description);
        }

        // 2. Then the title: cut, else the event instead of the headline, else nothing.
        if (title is not null && !_fits(Compose()) && !CutAtWords(title, MinTitle))
        {
            var eventText = transform(content.Event);
            if (title.Part == RenderParts.Headline && eventText.Length > 0 && eventText != title.Full)
            {
                title.Omitted |= RenderParts.Headline;
                title.Part = RenderParts.Event;
                title.Full = eventText;
                title.Current = eventText;
                if (!_fits(Compose()) && !CutAtWords(title, MinTitle))
                {
                    Drop(title);
                }
            }
            else
            {
                Drop(title);
            }
        }

        // 3. The instruction, keeping the link.
        if (instruction is not null && !_fits(Compose()))
        {
            CutAtWords(instruction, int.MaxValue);
        }

        // 4. The link: the shorter default, else none.
        if (link is not null && !_fits(Compose()))
        {
            if (_defaultLink is not null && _defaultLink.Length < link.Current.Length)
            {
                link.Current = _defaultLink;
                link.Shortened = RenderParts.Link;
            }

            if (!_fits(Compose()))
            {
                Drop(link);
            }
        }

        // 5. The instruction, whatever it takes.
        if (instruction is not null && !_fits(Compose()))
        {
            instruction.Current = instruction.Full;
            if (!CutAtWords(instruction, 1) && !CutAnywhere(instruction))
            {
                Drop(instruction);
            }
        }

        var text = Compose();
        if (!_fits(text))
        {
            // Only the prefix is left and even it does not fit: a configuration no options allow; cut it.
            text = CutToFit(text);
        }

        return text;
    }

    private Slot? Find(SlotKind kind) => _layout.FirstOrDefault(s => s.Kind == kind && s.Full.Length > 0);

    private string Compose()
    {
        var lines = _layout.Where(s => s.Current.Length > 0).Select(s => s.Current).ToList();
        if (lines.Count == 0)
        {
            return _prefix.TrimEnd();
        }

        lines[0] = _prefix + lines[0];
        return string.Join('\n', lines);
    }

    private static void Drop(Slot slot)
    {
        slot.Current = string.Empty;
        slot.Omitted |= slot.Part;
        slot.Shortened &= ~slot.Part;
    }

    /// <summary>
    /// Cuts the slot at the last word boundary that fits, keeping at least <paramref name="minimum"/> characters (or
    /// half the text when shorter); false (slot unchanged) when no such cut fits.
    /// </summary>
    private bool CutAtWords(Slot slot, int minimum)
    {
        var full = slot.Full;
        var least = Math.Min(minimum, full.Length / 2);
        var boundaries = new List<int>();
        for (var i = Math.Max(1, least); i < full.Length; i++)
        {
            if (full[i] == ' ' && full[i - 1] != ' ')
            {
                boundaries.Add(i);
            }
        }

        return CutAt(slot, boundaries, i => RenderText.Finish(full[..i]));
    }

    /// <summary>Cuts the slot at the last character position that fits (never inside a surrogate pair).</summary>
    private bool CutAnywhere(Slot slot)
    {
        var full = slot.Full;
        var positions = new List<int>(full.Length);
        for (var i = 1; i < full.Length; i++)
        {
            if (!char.IsLowSurrogate(full[i]) || !char.IsHighSurrogate(full[i - 1]))
            {
                positions.Add(i);
            }
        }

        return CutAt(slot, positions, i => full[..i].TrimEnd() + RenderText.Ellipsis);
    }

    /// <summary>Binary search for the longest candidate cut that fits (the fit is monotone in the length kept).</summary>
    private bool CutAt(Slot slot, List<int> positions, Func<int, string> cut)
    {
        var original = slot.Current;
        var low = 0;
        var high = positions.Count - 1;
        string? best = null;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            slot.Current = cut(positions[middle]);
            if (_fits(Compose()))
            {
                best = slot.Current;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        if (best is null)
        {
            slot.Current = original;
            return false;
        }

        slot.Current = best;
        slot.Shortened |= slot.Part;
        return true;
    }

    private string CutToFit(string text)
    {
        var low = 0;
        var high = text.Length;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (_fits(text[..middle]))
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        if (low > 0 && low < text.Length && char.IsHighSurrogate(text[low - 1]))
        {
            low--;
        }

        return text[..low];
    }

    /// <summary>One part of the text, as it stands.</summary>
    private sealed class Slot(SlotKind kind, RenderParts part, string full)
    {
        internal SlotKind Kind { get; } = kind;

        internal RenderParts Part { get; set; } = part;

        internal string Full { get; set; } = full;

        internal string Current { get; set; } = full;

        internal RenderParts Shortened { get; set; }

        internal RenderParts Omitted { get; set; }
    }
}
