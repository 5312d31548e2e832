namespace BeAlert.Cap;

/// <summary>Who is looking at the active alerts.</summary>
public enum CapAlertAudience
{
    /// <summary>
    /// The public (signage, apps, feeds): only real alerts, status Actual and scope Public. Test, Exercise, System and
    /// Draft messages never count as active for the public, nor do Restricted or Private ones.
    /// </summary>
    Public,

    /// <summary>Operators: every status but Draft (a draft is a template, never issued) and every scope.</summary>
    Operators,
}
