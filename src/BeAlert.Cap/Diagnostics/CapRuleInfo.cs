namespace BeAlert.Cap;

/// <summary>Where a rule comes from.</summary>
internal enum CapRuleKind
{
    /// <summary>The document cannot be read (thrown as <see cref="CapParseException"/>).</summary>
    Unreadable,
    /// <summary>A constraint of the official CAP 1.2 XSD.</summary>
    Xsd,
    /// <summary>A normative rule of the CAP 1.2 text that the XSD cannot express.</summary>
    Normative,
    /// <summary>A CAP 1.0/1.1 feature read into the 1.2 model.</summary>
    Version,
    /// <summary>A lenient-mode repair.</summary>
    Repair,
    /// <summary>A rule of a feed or envelope carrying CAP (Atom, RSS, EDXL-DE); tested under TestData/feeds/.</summary>
    Feed,
    /// <summary>A rule of a profile (BE-Alert, EU-Alert, IPAWS, CAP-CP, CAP-AU) on top of CAP 1.2, see <see cref="CapProfile"/>.</summary>
    Profile,
    /// <summary>An XML signature check (<see cref="CapSignatureVerifier"/>).</summary>
    Signature,
    /// <summary>A resource digest check (<see cref="CapResourceDigest"/>).</summary>
    ResourceDigest,
}

/// <summary>The catalogue entry of one rule code.</summary>
internal sealed record CapRuleInfo(string Code, CapDiagnosticSeverity Severity, CapRuleKind Kind, string Clause, string Title);
