namespace BeAlert.Cap;

/// <summary>
/// Where an info block goes on cell broadcast: its EU-Alert level and the message identifier (3GPP TS 23.041
/// §9.4.1.2.2) for the alert's first language, plus the paired identifier for every additional language.
/// </summary>
/// <param name="Level">The EU-Alert level.</param>
/// <param name="MessageIdentifier">The identifier for the primary (first) language, for example 4371.</param>
/// <param name="AdditionalLanguageMessageIdentifier">The identifier for additional languages, for example 4384, or <see langword="null"/> when the level has none (EU-Info).</param>
public sealed record EuAlertIdentifiers(EuAlertLevel Level, int MessageIdentifier, int? AdditionalLanguageMessageIdentifier);
