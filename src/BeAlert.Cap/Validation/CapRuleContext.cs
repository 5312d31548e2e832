namespace BeAlert.Cap;

/// <summary>Collects diagnostics for one validation, resolving source positions through the source map.</summary>
internal sealed class CapRuleContext
{
    private readonly CapSourceMap? _sourceMap;
    private readonly List<CapDiagnostic> _diagnostics = [];

    /// <param name="sourceMap">The document's source map, or <see langword="null"/> for alerts built in code.</param>
    internal CapRuleContext(CapSourceMap? sourceMap) => _sourceMap = sourceMap;

    /// <summary>Reports a violation of <paramref name="code"/> with the catalogue's severity.</summary>
    /// <param name="code">The rule code.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="path">The element path (see <see cref="CapPath"/>).</param>
    /// <param name="owner">The model object holding the offending field (for the source position).</param>
    /// <param name="field">The element name of the field within <paramref name="owner"/>, or empty for the object itself.</param>
    internal void Report(string code, string message, string path, object owner, string field = "")
    {
        var (line, column) = _sourceMap is null ? (0, 0) : _sourceMap.Find(Slot(owner), field);
        _diagnostics.Add(new CapDiagnostic(code, CapRuleCatalog.Get(code).Severity, message, path, line, column));
    }

    /// <summary>
    /// Whether the parser could not read this field (and said so): rules that would only restate that problem,
    /// such as "required X is missing" after "X is malformed", skip it. Always false for alerts built in code.
    /// </summary>
    internal bool IsUnreadable(object owner, string field) => _sourceMap is not null && _sourceMap.IsUnreadable(Slot(owner), field);

    private static CapSourceSlot Slot(object owner) => owner switch
    {
        CapAlert alert => alert.SourceSlot,
        CapInfo info => info.SourceSlot,
        CapArea area => area.SourceSlot,
        CapResource resource => resource.SourceSlot,
        CapPolygon polygon => polygon.SourceSlot,
        CapCircle circle => circle.SourceSlot,
        CapNamedValue pair => pair.SourceSlot,
        _ => default,
    };

    internal void AddRange(IEnumerable<CapDiagnostic> diagnostics) => _diagnostics.AddRange(diagnostics);

    /// <summary>The diagnostics in document order (positioned ones by line and column, unpositioned ones last), stable.</summary>
    internal IReadOnlyList<CapDiagnostic> ToSortedList()
    {
        if (_diagnostics.Count <= 1)
        {
            return _diagnostics.Count == 0 ? [] : _diagnostics;
        }

        var keyed = new (CapDiagnostic Diagnostic, int Index)[_diagnostics.Count];
        for (var i = 0; i < keyed.Length; i++)
        {
            keyed[i] = (_diagnostics[i], i);
        }

        Array.Sort(keyed, static (a, b) =>
        {
            var byLine = (a.Diagnostic.Line == 0 ? int.MaxValue : a.Diagnostic.Line).CompareTo(b.Diagnostic.Line == 0 ? int.MaxValue : b.Diagnostic.Line);
            if (byLine != 0)
            {
                return byLine;
            }

            var byColumn = a.Diagnostic.Column.CompareTo(b.Diagnostic.Column);
            return byColumn != 0 ? byColumn : a.Index.CompareTo(b.Index);
        });
        for (var i = 0; i < keyed.Length; i++)
        {
            _diagnostics[i] = keyed[i].Diagnostic;
        }

        return _diagnostics;
    }
}
