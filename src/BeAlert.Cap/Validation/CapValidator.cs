namespace BeAlert.Cap;

/// <summary>
/// Checks an alert against every normative rule of CAP 1.2 that the XSD cannot express (the XSD constraints
/// themselves are checked while reading, see <see cref="CapParser"/>), plus the rules of a <see cref="CapProfile"/>
/// when one is given. Never throws for a rule violation: returns every diagnostic. Thread-safe.
/// </summary>
public sealed class CapValidator
{
    private readonly CapRule[] _rules;

    /// <summary>Creates a validator with the CAP 1.2 rules only (<see cref="CapProfile.Cap"/>).</summary>
    public CapValidator()
        : this(CapProfile.Cap)
    {
    }

    /// <summary>Creates a validator with the CAP 1.2 rules followed by the rules of <paramref name="profile"/>.</summary>
    /// <param name="profile">The profile.</param>
    public CapValidator(CapProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Profile = profile;
        _rules = [.. CapRuleSet.All, .. profile.Rules];
    }

    /// <summary>The validator with the CAP 1.2 rules.</summary>
    public static CapValidator Default { get; } = new();

    /// <summary>The profile whose rules this validator applies on top of CAP 1.2.</summary>
    public CapProfile Profile { get; }

    /// <summary>The shared validator of <paramref name="profile"/> (created once, thread-safe).</summary>
    /// <param name="profile">The profile.</param>
    /// <returns>The validator; <see cref="Default"/> for <see cref="CapProfile.Cap"/>.</returns>
    public static CapValidator For(CapProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.Validator;
    }

    /// <summary>
    /// Validates a document read by <see cref="CapParser"/>: its reading diagnostics followed by the rule
    /// diagnostics, all with element paths, lines and columns.
    /// </summary>
    /// <param name="document">The document.</param>
    /// <returns>Every diagnostic.</returns>
    public CapValidationResult Validate(CapDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var context = new CapRuleContext(document.SourceMap);
        context.AddRange(document.Diagnostics);
        Run(document.Alert, context);
        return new CapValidationResult(context.ToSortedList());
    }

    /// <summary>Validates an alert built in code (paths, no lines or columns).</summary>
    /// <param name="alert">The alert.</param>
    /// <returns>Every diagnostic.</returns>
    public CapValidationResult Validate(CapAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var context = new CapRuleContext(sourceMap: null);
        Run(alert, context);
        return new CapValidationResult(context.ToSortedList());
    }

    private void Run(CapAlert alert, CapRuleContext context)
    {
        // An array and an index: no enumerator, and no interface call per rule.
        var rules = _rules;
        for (var i = 0; i < rules.Length; i++)
        {
            rules[i].Check(alert, context);
        }
    }
}
