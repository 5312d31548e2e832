namespace BeAlert.Dispatch;

/// <summary>One reason an operator may not send to an audience.</summary>
/// <param name="Code">The rule broken.</param>
/// <param name="Message">What is not allowed and why, for the operator.</param>
public sealed record AuthorityViolation(AuthorityViolationCode Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code}: {Message}";
}
