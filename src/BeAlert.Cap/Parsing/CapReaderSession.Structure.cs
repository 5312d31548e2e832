using System.Text;

namespace BeAlert.Cap;

/// <summary>Walking a container's children against its content model (order, counts, required elements).</summary>
internal sealed partial class CapReaderSession
{
    /// <summary>The state of one container element being read; one instance per nesting level, reused.</summary>
    private sealed class Frame
    {
        internal CapChildSpec[] Specs { get; private set; } = [];

        internal int[] Counts { get; private set; } = [];

        internal bool IsEmpty { get; private set; }

        internal (int Line, int Column) Start { get; private set; }

        internal int PendingMark { get; private set; }

        internal int MaxIndex { get; set; }

        internal bool ChildOpen { get; set; }

        internal bool AllowSignature { get; set; }

        internal int Unknown { get; set; }

        internal bool ReportedText { get; set; }

        internal void Reset(CapChildSpec[] specs, bool isEmpty, (int Line, int Column) start, int pendingMark)
        {
            if (Counts.Length < specs.Length)
            {
                Counts = new int[Math.Max(specs.Length, 24)];
            }
            else
            {
                Array.Clear(Counts);
            }

            Specs = specs;
            IsEmpty = isEmpty;
            Start = start;
            PendingMark = pendingMark;
            MaxIndex = -1;
            ChildOpen = false;
            AllowSignature = false;
            Unknown = 0;
            ReportedText = false;
        }
    }

    private readonly List<Frame> _frames = new(4);
    private int _openFrames;

    private const int SignatureChild = -2;
    private const int EndOfContainer = -1;

    /// <summary>Positioned on a container's start tag: checks its attributes and opens a frame.</summary>
    private Frame Open(CapChildSpec[] specs)
    {
        _valueStart = null;
        CheckAttributes();
        if (_openFrames == _frames.Count)
        {
            _frames.Add(new Frame());
        }

        var frame = _frames[_openFrames++];
        frame.Reset(specs, _reader.IsEmptyElement, Position(), _pending.Count);
        return frame;
    }

    /// <summary>Whether this is the first occurrence of the child (later duplicates are read and ignored).</summary>
    private static bool First(Frame frame, int index) => frame.Counts[index] == 1;

    /// <summary>
    /// Moves to the next CAP child of the container and returns its index in the content model, or
    /// <see cref="EndOfContainer"/> on the container's end tag, or <see cref="SignatureChild"/> for an XML-DSig element
    /// at the end of an alert. Unknown, foreign, duplicate and out-of-order elements are reported here.
    /// </summary>
    private int NextChild(Frame frame)
    {
        _valueStart = null;
        if (frame.ChildOpen)
        {
            _path.RemoveAt(_path.Count - 1);
            frame.ChildOpen = false;
        }

        if (frame.IsEmpty)
        {
            return Close(frame);
        }

        // Whitespace between children is ignored below anyway: the reader may step over it without a node.
        _reader.SkipWhitespaceText = true;

        // The usual next thing, in its plainest form, is read here in one step: a value element whole (its text is
        // kept for the ReadValue call that follows), a container's start tag, or this container's end tag. Anything
        // else node by node below.
        if (_plain is { } plain)
        {
            switch (plain.TryReadChild(frame.Specs, Math.Max(frame.MaxIndex, 0), _ns, _options.MaxValueLength, _options.MaxDepth, out var childIndex, out var tagStart, out var textStart, out var textEnd))
            {
                case CapUtf8XmlReader.ChildRead.Value:
                    _prefetched = (textStart, textEnd, plain.PositionAt(tagStart));
                    return Accept(frame, childIndex);
                case CapUtf8XmlReader.ChildRead.StartTag:
                    return Accept(frame, childIndex);
                case CapUtf8XmlReader.ChildRead.EndTag:
                    return Close(frame);
            }
        }

        while (Next())
        {
            switch (_reader.NodeType)
            {
                case CapXmlNodeType.EndElement:
                    return Close(frame);
                case CapXmlNodeType.Text:
                    if (!frame.ReportedText)
                    {
                        frame.ReportedText = true;
                        Report(CapDiagnosticCodes.UnexpectedContent, "Text is not allowed here, only child elements: move it into the element it belongs to, or remove it.");
                    }

                    continue;
                case CapXmlNodeType.Element:
                    break;
                default:
                    continue;
            }

            var localName = _reader.LocalName;
            var ns = _reader.NamespaceUri;
            if (ReferenceEquals(ns, _ns) || ns == _ns)
            {
                var index = Find(frame.Specs, localName, frame.MaxIndex);
                if (index >= 0)
                {
                    return Accept(frame, index);
                }

                Unknown(frame, CapDiagnosticCodes.UnexpectedElement, $"<{localName}> is not a CAP {VersionText(_version)} element here");
                continue;
            }

            if (frame.AllowSignature && ns == CapSchema.DsigNamespace)
            {
                _path.Add(("ds:" + localName, 0));
                frame.ChildOpen = true;
                frame.MaxIndex = frame.Specs.Length - 1;
                return SignatureChild;
            }

            Unknown(
                frame,
                CapDiagnosticCodes.ForeignElement,
                ns.Length == 0
                    ? $"<{localName}> has no namespace; CAP elements are in '{_ns}'"
                    : $"<{localName}> from namespace '{ns}' is not allowed here; CAP allows only an enveloped ds:Signature after the info blocks");
        }

        throw UnexpectedEnd();
    }

    /// <summary>Counts a CAP child of the container (limits, duplicates, order) and enters it in the path.</summary>
    private int Accept(Frame frame, int index)
    {
        var spec = frame.Specs[index];
        var count = ++frame.Counts[index];
        _path.Add((spec.Name, spec.Repeatable ? count : 0));
        frame.ChildOpen = true;
        if (count > _options.MaxRepeatedElements)
        {
            throw LimitExceeded($"<{spec.Name}> elements in one parent", _options.MaxRepeatedElements, nameof(CapParserOptions.MaxRepeatedElements));
        }

        if (!spec.Repeatable && count > 1)
        {
            Report(CapDiagnosticCodes.DuplicateElement, $"<{spec.Name}> may appear only once here; this repetition is ignored. Remove it.");
        }

        if (index < frame.MaxIndex)
        {
            Report(
                CapDiagnosticCodes.ElementOutOfOrder,
                $"<{spec.Name}> is out of order: it must come before <{frame.Specs[frame.MaxIndex].Name}> (CAP order: {string.Join(", ", frame.Specs.Select(s => s.Name))}).");
        }
        else
        {
            frame.MaxIndex = index;
        }

        return index;
    }

    private void Unknown(Frame frame, string strictCode, string what)
    {
        if (++frame.Unknown > _options.MaxRepeatedElements)
        {
            throw LimitExceeded("unknown elements in one parent", _options.MaxRepeatedElements, nameof(CapParserOptions.MaxRepeatedElements));
        }

        _path.Add((_reader.LocalName, 0));
        if (_lenient)
        {
            Report(CapDiagnosticCodes.SkippedElement, what + "; it was skipped.");
        }
        else
        {
            Report(strictCode, what + ". Remove it or correct its name and namespace.");
        }

        _path.RemoveAt(_path.Count - 1);
        SkipElement();
    }

    private int Close(Frame frame)
    {
        for (var i = 0; i < frame.Specs.Length; i++)
        {
            if (frame.Specs[i].Required && frame.Counts[i] == 0)
            {
                Report(CapDiagnosticCodes.MissingElement, $"The required element <{frame.Specs[i].Name}> is missing: add it.", CurrentPath(), frame.Start);
                _pending.Add((CapSourceMap.UnreadablePrefix + frame.Specs[i].Name, 0, 0));
            }
        }

        _openFrames--;
        return EndOfContainer;
    }

    /// <summary>
    /// The index of <paramref name="localName"/> in the content model, or -1. Children come in schema order, so the
    /// search starts at the last one seen and compares references first: a CAP name read by the UTF-8 reader is the
    /// same string instance as the schema's (<see cref="CapXmlNameTable.Shared"/> interns those). Anything else falls
    /// back to comparing text over the whole model.
    /// </summary>
    private static int Find(CapChildSpec[] specs, string localName, int from)
    {
        for (var i = Math.Max(from, 0); i < specs.Length; i++)
        {
            if (ReferenceEquals(specs[i].Name, localName))
            {
                return i;
            }
        }

        for (var i = 0; i < specs.Length; i++)
        {
            if (specs[i].Name == localName)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>CAP elements carry no attributes; namespace declarations and xsi:* are fine.</summary>
    private void CheckAttributes()
    {
        var count = _reader.AttributeCount;
        for (var i = 0; i < count; i++)
        {
            var (name, ns) = _reader.GetAttribute(i);
            if (ns == XmlnsNamespace || ns == XsiNamespace)
            {
                continue;
            }

            Report(
                _lenient ? CapDiagnosticCodes.SkippedElement : CapDiagnosticCodes.UnexpectedAttribute,
                _lenient ? $"The attribute '{name}' was ignored (CAP elements have no attributes)." : $"CAP elements have no attributes: remove '{name}'.");
        }
    }

    /// <summary>Positioned on an element's start tag: skips it and its subtree, with the depth limit still enforced.</summary>
    private void SkipElement()
    {
        if (_reader.IsEmptyElement)
        {
            return;
        }

        var depth = _reader.Depth;
        while (Next())
        {
            if (_reader.NodeType == CapXmlNodeType.EndElement && _reader.Depth == depth)
            {
                return;
            }
        }
    }

    /// <summary>Positioned on a value element's start tag: returns its text, reporting (and skipping) child elements.</summary>
    private string ReadValue() => ReadValueCore(into: null)!;

    /// <summary>
    /// As <see cref="ReadValue"/> for text that is converted and dropped (numbers, times, coded values, coordinates):
    /// the characters land in the session's pooled buffer, valid until the next call, and no string is made.
    /// </summary>
    private ReadOnlySpan<char> ReadValueChars()
    {
        _chars.Clear();
        ReadValueCore(_chars);
        return _chars.Span;
    }

    /// <summary>
    /// As <see cref="ReadValueChars"/>, encoded in UTF-8 into a new array: for a polygon that could not be read in place
    /// (references, CDATA, markup, a bad point, a document that is not UTF-8), so not on the usual path.
    /// </summary>
    private byte[] ReadValueUtf8()
    {
        var chars = ReadValueChars();
        var bytes = new byte[Encoding.UTF8.GetByteCount(chars)];
        Encoding.UTF8.GetBytes(chars, bytes);
        return bytes;
    }

    private string? ReadValueCore(CapCharBuffer? into)
    {
        // A value's whitespace is part of it.
        _reader.SkipWhitespaceText = false;
        if (_prefetched is var (prefetchedStart, prefetchedEnd, _))
        {
            // NextChild read the whole element already (no attributes, plain text, the reader on its end tag).
            TakePrefetched();
            if (into is null)
            {
                return _plain!.PlainText(prefetchedStart, prefetchedEnd);
            }

            _plain!.AppendPlainText(prefetchedStart, prefetchedEnd, into);
            return null;
        }

        CheckAttributes();
        var start = Position();
        if (_reader.IsEmptyElement)
        {
            _valueStart = start;
            return string.Empty;
        }

        // The usual value, plain text and its end tag, is taken in one step; anything else node by node below.
        if (_plain is { } plain && plain.TryReadPlainContent(_options.MaxValueLength, out var textStart, out var textEnd))
        {
            _valueStart = start;
            if (into is null)
            {
                return plain.PlainText(textStart, textEnd);
            }

            plain.AppendPlainText(textStart, textEnd, into);
            return null;
        }

        string? first = null;
        StringBuilder? builder = null;
        while (Next())
        {
            switch (_reader.NodeType)
            {
                case CapXmlNodeType.Text or CapXmlNodeType.Whitespace:
                    int length;
                    if (into is not null)
                    {
                        _reader.AppendValue(into);
                        length = into.Length;
                    }
                    else if (first is null)
                    {
                        first = _reader.Value;
                        length = first.Length;
                    }
                    else
                    {
                        builder ??= new StringBuilder(first);
                        builder.Append(_reader.Value);
                        length = builder.Length;
                    }

                    if (length > _options.MaxValueLength)
                    {
                        var (line, column) = Position();
                        throw new CapParseException(
                            CapDiagnosticCodes.ValueTooLong,
                            $"The text of this element is longer than the limit of {_options.MaxValueLength} characters (CapParserOptions.MaxValueLength).",
                            CurrentPath(),
                            line,
                            column);
                    }

                    break;
                case CapXmlNodeType.Element:
                    Report(CapDiagnosticCodes.UnexpectedContent, $"<{_reader.LocalName}> is not allowed inside this element, which holds text only; it was ignored.");
                    SkipElement();
                    break;
                case CapXmlNodeType.EndElement:
                    _valueStart = start;
                    return into is not null ? null : builder?.ToString() ?? first ?? string.Empty;
            }
        }

        throw UnexpectedEnd();
    }

    /// <summary>Takes the value NextChild read whole as read: later reports are placed on its start tag.</summary>
    private void TakePrefetched()
    {
        _reader.SkipWhitespaceText = false;
        _valueStart = _prefetched!.Value.Start;
        _prefetched = null;
    }

    /// <summary>Remembers where the current child element starts, for the object that will own it.</summary>
    private void Mark(string field)
    {
        var (line, column) = Position();
        _pending.Add((field, line, column));
    }

    /// <summary>
    /// Records that the child just read had an unreadable value (an error was reported while reading it), so that
    /// rules about that field's presence or value stay quiet: one mistake, one diagnostic.
    /// </summary>
    private void MarkIfUnreadable(string field, int errorsBefore)
    {
        if (_errors > errorsBefore)
        {
            _pending.Add((CapSourceMap.UnreadablePrefix + field, 0, 0));
        }
    }

    /// <summary>Moves the container's pending positions into the source map; returns the slot for the object built from it.</summary>
    private CapSourceSlot Commit(Frame frame)
    {
        var slot = _map.Add(frame.Start, _pending, frame.PendingMark);
        _pending.RemoveRange(frame.PendingMark, _pending.Count - frame.PendingMark);
        return slot;
    }

    /// <summary>A slot holding only an element's own position (polygons, circles, CAP 1.0 pairs).</summary>
    private CapSourceSlot PositionSlot() => _map.Add(Position(), _pending, _pending.Count);
}
