namespace BeAlert.Cap;

/// <summary>The normative CAP 1.2 rules, in the order they run (by code).</summary>
internal static class CapRuleSet
{
    internal static readonly IReadOnlyList<CapRule> All =
    [
        // CAP02xx: data types the model cannot enforce.
        new PlusZeroOffsetRule(),
        new InvalidLanguageRule(),

        // CAP03xx: alert.
        new InvalidIdentifierRule(),
        new InvalidSenderRule(),
        new RestrictionRequiredRule(),
        new AddressesRequiredRule(),
        new InvalidReferencesRule(),
        new ReferencesRequiredRule(),
        new ErrorNoteMissingRule(),
        new RestrictionNotUsedRule(),
        new InvalidAddressesRule(),
        new InvalidIncidentsRule(),
        new SelfReferenceRule(),
        new NoInfoRule(),
        new ReferenceNotEarlierRule(),

        // CAP04xx: info.
        new ExpiresNotAfterEffectiveRule(),
        new ExpiresNotAfterOnsetRule(),
        new HeadlineTooLongRule(),
        new WebNotAbsoluteUriRule(),
        new EmptyValueNameRule(),

        // CAP05xx: resource.
        new InvalidMimeTypeRule(),
        new InvalidSizeRule(),
        new InvalidDigestRule(),
        new InvalidDerefUriRule(),
        new InvalidResourceUriRule(),
        new DigestMismatchRule(),
        new SizeMismatchRule(),

        // CAP06xx: area.
        new PolygonTooFewPointsRule(),
        new PolygonNotClosedRule(),
        new CoordinateOutOfRangeRule(),
        new InvalidCircleRadiusRule(),
        new CeilingWithoutAltitudeRule(),
        new CeilingBelowAltitudeRule(),
        new EmptyGeocodeRule(),
    ];
}
