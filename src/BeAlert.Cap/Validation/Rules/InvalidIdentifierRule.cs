namespace BeAlert.Cap;

/// <summary>CAP0301 (CAP 1.2 §3.2.1 identifier): empty, or containing whitespace, a comma, '&lt;' or '&amp;'.</summary>
internal sealed class InvalidIdentifierRule() : ReferenceTokenRule(
    CapDiagnosticCodes.InvalidIdentifier,
    "identifier",
    "identifiers",
    "give the alert an identifier that is unique for its sender, for example 'BE-2026-0042'.")
{
    protected override string Value(CapAlert alert) => alert.Identifier;
}
