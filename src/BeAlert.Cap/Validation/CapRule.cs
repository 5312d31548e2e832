namespace BeAlert.Cap;

/// <summary>One normative rule of CAP: a small class that inspects the model and reports through the context.</summary>
internal abstract class CapRule
{
    /// <summary>Checks the alert and reports every violation.</summary>
    public abstract void Check(CapAlert alert, CapRuleContext context);
}
