namespace BeAlert.Cap;

/// <summary>
/// What the identifier and sender rules share (CAP0301, CAP0302): both name a message inside other messages'
/// <c>references</c> (sender,identifier,sent), so both must be present and free of whitespace, commas, '&lt;' and '&amp;'.
/// </summary>
/// <param name="code">The rule's diagnostic code.</param>
/// <param name="element">The element checked, a child of <c>alert</c>.</param>
/// <param name="plural">How the message names such values ("identifiers").</param>
/// <param name="emptyAdvice">What to do when the element is empty.</param>
internal abstract class ReferenceTokenRule(string code, string element, string plural, string emptyAdvice) : CapRule
{
    private readonly string _path = CapPath.Field(CapPath.Alert, element);

    /// <summary>The value checked.</summary>
    protected abstract string Value(CapAlert alert);

    public sealed override void Check(CapAlert alert, CapRuleContext context)
    {
        var value = Value(alert);
        if (string.IsNullOrEmpty(value))
        {
            context.Report(code, $"<{element}> is empty: {emptyAdvice}", _path, alert, element);
            return;
        }

        var bad = CapRuleText.IndexOfIdentifierBreaker(value);
        if (bad >= 0)
        {
            context.Report(
                code,
                $"<{element}> {CapRuleText.Quote(value)} contains {CapRuleText.Describe(value[bad])} at position {bad + 1}: CAP {plural} must not contain spaces, commas, '<' or '&' (they would break <references>); remove or replace it.",
                _path,
                alert,
                element);
        }
    }
}
