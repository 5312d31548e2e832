namespace BeAlert.Cap;

/// <summary>How the parser treats input that breaks the standard in a repairable way.</summary>
public enum CapParseMode
{
    /// <summary>Report every deviation as an error; repair nothing (the default).</summary>
    Strict,
    /// <summary>
    /// Repair what can be repaired safely (surrounding whitespace, an unclosed polygon, a 'Z' time, wrong letter case,
    /// unknown elements) and report each repair as a warning (CAP09xx).
    /// </summary>
    Lenient,
}
