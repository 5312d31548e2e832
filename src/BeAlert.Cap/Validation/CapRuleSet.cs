namespace BeAlert.Cap;

/// <summary>The normative CAP 1.2 rules, in the order they run.</summary>
internal static class CapRuleSet
{
    internal static readonly IReadOnlyList<CapRule> All =
    [
    ];
}
