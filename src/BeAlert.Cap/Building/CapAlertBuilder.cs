namespace BeAlert.Cap;

/// <summary>
/// Composes a <see cref="CapAlert"/> in code, fluently:
/// <code>
/// var alert = CapAlertBuilder.Create("BE-2026-0042", "crisis@gent.be", sent)
///     .Status(CapStatus.Actual).Scope(CapScope.Public)
///     .AddInfo("nl", CapCategory.Fire, "Brand", CapUrgency.Immediate, CapSeverity.Severe, CapCertainty.Observed,
///         i => i.Headline("Grote brand in Gent").AddArea("Gent", a => a.AddGeocode("NIS", "44021")))
///     .Build();
/// </code>
/// Nothing is validated while building; pass the result to <see cref="CapValidator"/>.
/// </summary>
public sealed class CapAlertBuilder
{
    private CapAlert _alert;
    private readonly List<CapInfo> _infos = [];

    private CapAlertBuilder(CapAlert alert) => _alert = alert;

    /// <summary>Starts an alert with status Actual, msgType Alert and scope Public.</summary>
    /// <param name="identifier">The identifier.</param>
    /// <param name="sender">The sender.</param>
    /// <param name="sent">The time of origination.</param>
    /// <returns>The builder.</returns>
    public static CapAlertBuilder Create(string identifier, string sender, CapDateTime sent) =>
        new(new CapAlert(identifier, sender, sent, CapStatus.Actual, CapMessageType.Alert, CapScope.Public));

    /// <summary>Starts from an existing alert (its info blocks included), for example to derive an Update.</summary>
    /// <param name="alert">The alert to start from.</param>
    /// <returns>The builder.</returns>
    public static CapAlertBuilder From(CapAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var builder = new CapAlertBuilder(alert with { Infos = [] });
        builder._infos.AddRange(alert.Infos);
        return builder;
    }

    /// <summary>Sets the status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The builder.</returns>
    public CapAlertBuilder Status(CapStatus status) => Set(_alert with { Status = status });

    /// <summary>Sets the message type.</summary>
    /// <param name="msgType">The message type.</param>
    /// <returns>The builder.</returns>
    public CapAlertBuilder MsgType(CapMessageType msgType) => Set(_alert with { MsgType = msgType });

    /// <summary>Sets the scope; Restricted needs <see cref="Restriction"/>, Private needs <see cref="Addresses"/>.</summary>
    /// <param name="scope">The scope.</param>
    /// <returns>The builder.</returns>
    public CapAlertBuilder Scope(CapScope scope) => Set(_alert with { Scope = scope });

    /// <summary>Sets the source.</summary>
    /// <param name="source">The source.</param>
    /// <returns>The builder.</returns>
    public CapAlertBuilder Source(string? source) => Set(_alert with { Source = source });

    /// <summary>Sets the restriction (for scope Restricted).</summary>
    /// <param name="restriction">The restriction text.</param>
    /// <returns>The builder.</returns>
    public CapAlertBuilder Restriction(string? restriction) => Set(_alert with { Restriction = restriction });

    /// <summary>Sets the addresses (for scope Private).</summary>
    /// <param name="addresses">The addresses.</param>
    /// <returns>The builder.</returns>
    public CapAlertBuilder Addresses(params IEnumerable<string> addresses) => Set(_alert with { Addresses = [.. addresses] });

    /// <summary>Adds a handling code.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The builder.</returns>
    public CapAlertBuilder AddCode(string code) => Set(_alert with { Codes = [.. _alert.Codes, code] });

    /// <summary>Sets the note.</summary>
    /// <param name="note">The note.</param>
    /// <returns>The builder.</returns>
    public CapAlertBuilder Note(string? note) => Set(_alert with { Note = note });

    /// <summary>Adds a reference to an earlier message.</summary>
    /// <param name="reference">The reference.</param>
    /// <returns>The builder.</returns>
    public CapAlertBuilder AddReference(CapReference reference) => Set(_alert with { References = [.. _alert.References, reference] });

    /// <summary>Makes this alert an Update of <paramref name="earlier"/> (msgType Update and a reference to it).</summary>
    /// <param name="earlier">The alert this one updates.</param>
    /// <returns>The builder.</returns>
    public CapAlertBuilder Updates(CapAlert earlier) => MsgType(CapMessageType.Update).AddReference(CapReference.To(earlier));

    /// <summary>Makes this alert a Cancel of <paramref name="earlier"/> (msgType Cancel and a reference to it).</summary>
    /// <param name="earlier">The alert this one cancels.</param>
    /// <returns>The builder.</returns>
    public CapAlertBuilder Cancels(CapAlert earlier) => MsgType(CapMessageType.Cancel).AddReference(CapReference.To(earlier));

    /// <summary>Sets the incidents.</summary>
    /// <param name="incidents">The incident identifiers.</param>
    /// <returns>The builder.</returns>
    public CapAlertBuilder Incidents(params IEnumerable<string> incidents) => Set(_alert with { Incidents = [.. incidents] });

    /// <summary>Adds an info block composed with a <see cref="CapInfoBuilder"/>.</summary>
    /// <param name="language">The language (RFC 3066), for example <c>nl-BE</c>.</param>
    /// <param name="category">The (first) category.</param>
    /// <param name="event">The event type.</param>
    /// <param name="urgency">The urgency.</param>
    /// <param name="severity">The severity.</param>
    /// <param name="certainty">The certainty.</param>
    /// <param name="configure">Sets the other fields.</param>
    /// <returns>The builder.</returns>
    public CapAlertBuilder AddInfo(string language, CapCategory category, string @event, CapUrgency urgency, CapSeverity severity, CapCertainty certainty, Action<CapInfoBuilder>? configure = null)
    {
        var builder = new CapInfoBuilder(new CapInfo(@event, urgency, severity, certainty, [category]) { Language = language });
        configure?.Invoke(builder);
        _infos.Add(builder.Build());
        return this;
    }

    /// <summary>Adds a finished info block.</summary>
    /// <param name="info">The info block.</param>
    /// <returns>The builder.</returns>
    public CapAlertBuilder AddInfo(CapInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        _infos.Add(info);
        return this;
    }

    /// <summary>Builds the alert.</summary>
    /// <returns>The alert.</returns>
    public CapAlert Build() => _alert with { Infos = [.. _infos] };

    private CapAlertBuilder Set(CapAlert alert)
    {
        _alert = alert;
        return this;
    }
}
