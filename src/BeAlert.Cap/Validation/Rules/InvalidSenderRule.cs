namespace BeAlert.Cap;

/// <summary>CAP0302 (CAP 1.2 §3.2.1 sender): empty, or containing whitespace, a comma, '&lt;' or '&amp;'.</summary>
internal sealed class InvalidSenderRule() : ReferenceTokenRule(
    CapDiagnosticCodes.InvalidSender,
    "sender",
    "senders",
    "identify the originator with a globally unique name, for example an e-mail address or 'urn:oid:2.49.0.0.56.0'.")
{
    protected override string Value(CapAlert alert) => alert.Sender;
}
