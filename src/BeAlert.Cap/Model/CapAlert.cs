using System.Diagnostics.CodeAnalysis;

namespace BeAlert.Cap;

/// <summary>
/// A CAP <c>alert</c> message: the immutable model of one CAP 1.2 document (1.0 and 1.1 documents map onto it;
/// <see cref="CapDocument.Version"/> remembers what was read). Compose one with <see cref="CapAlertBuilder"/> or a <c>new</c>
/// expression, read one with <see cref="CapParser"/>, write one with <see cref="CapWriter"/>.
/// Equality is by value, lists included.
/// </summary>
public sealed record CapAlert
{
    /// <summary>Creates an alert with its required fields.</summary>
    /// <param name="identifier">The identifier, unique for the sender.</param>
    /// <param name="sender">The sender, globally unique (for example an e-mail address or an OID URN).</param>
    /// <param name="sent">The time and date of origination.</param>
    /// <param name="status">The handling code.</param>
    /// <param name="msgType">The nature of the message.</param>
    /// <param name="scope">The intended distribution.</param>
    public CapAlert(string identifier, string sender, CapDateTime sent, CapStatus status, CapMessageType msgType, CapScope scope)
    {
        Identifier = identifier;
        Sender = sender;
        Sent = sent;
        Status = status;
        MsgType = msgType;
        Scope = scope;
    }

    /// <summary>The XML namespace of CAP 1.2.</summary>
    public const string Namespace12 = "urn:oasis:names:tc:emergency:cap:1.2";

    /// <summary>The XML namespace of CAP 1.1.</summary>
    public const string Namespace11 = "urn:oasis:names:tc:emergency:cap:1.1";

    /// <summary>The XML namespace of CAP 1.0.</summary>
    public const string Namespace10 = "http://www.incident.com/cap/1.0";

    /// <summary>The identifier of the message (<c>identifier</c>, required).</summary>
    public string Identifier { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); }

    /// <summary>The originator of the message (<c>sender</c>, required).</summary>
    public string Sender { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); }

    /// <summary>The time and date of origination (<c>sent</c>, required).</summary>
    public CapDateTime Sent { get; init; }

    /// <summary>The handling code (<c>status</c>, required).</summary>
    public CapStatus Status { get; init; }

    /// <summary>The nature of the message (<c>msgType</c>, required).</summary>
    public CapMessageType MsgType { get; init; }

    /// <summary>The particular source of the message (<c>source</c>).</summary>
    public string? Source { get; init; }

    /// <summary>The intended distribution (<c>scope</c>, required).</summary>
    public CapScope Scope { get; init; }

    /// <summary>The rule for limiting distribution (<c>restriction</c>; required when <see cref="Scope"/> is Restricted).</summary>
    public string? Restriction { get; init; }

    /// <summary>The intended recipients (<c>addresses</c>; required when <see cref="Scope"/> is Private).</summary>
    [AllowNull]
    public IReadOnlyList<string> Addresses { get; init => field = EquatableList<string>.From(value); } = EquatableList<string>.Empty;

    /// <summary>Codes denoting special handling (<c>code</c>).</summary>
    [AllowNull]
    public IReadOnlyList<string> Codes { get; init => field = EquatableList<string>.From(value); } = EquatableList<string>.Empty;

    /// <summary>The message note (<c>note</c>), for example the reason of an Error message.</summary>
    public string? Note { get; init; }

    /// <summary>The earlier messages this one refers to (<c>references</c>; required for Update, Cancel, Ack and Error).</summary>
    [AllowNull]
    public IReadOnlyList<CapReference> References { get; init => field = EquatableList<CapReference>.From(value); } = EquatableList<CapReference>.Empty;

    /// <summary>The incidents this message refers to (<c>incidents</c>).</summary>
    [AllowNull]
    public IReadOnlyList<string> Incidents { get; init => field = EquatableList<string>.From(value); } = EquatableList<string>.Empty;

    /// <summary>The info blocks, typically one per language (<c>info</c>).</summary>
    [AllowNull]
    public IReadOnlyList<CapInfo> Infos { get; init => field = EquatableList<CapInfo>.From(value); } = EquatableList<CapInfo>.Empty;

    /// <summary>The enveloped XML signature at the end of the alert, kept verbatim, if any.</summary>
    public CapSignature? Signature { get; init; }
}
