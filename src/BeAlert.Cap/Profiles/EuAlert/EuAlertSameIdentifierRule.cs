namespace BeAlert.Cap;

/// <summary>
/// EUA004: the info blocks of one alert are one broadcast in several languages, so they all map to the same message
/// identifier (the first on it, the others on its additional-language pair). Different levels or identifiers would
/// make phones alert differently depending on their language.
/// </summary>
internal sealed class EuAlertSameIdentifierRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        if (!EuAlertRules.IsBroadcast(alert) || alert.Infos.Count < 2)
        {
            return;
        }

        EuAlertIdentifiers? first = null;
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            if (!EuAlertMapper.TryMap(alert.Status, infos[i], out var identifiers, out _))
            {
                continue; // EUA002/EUA003 report it
            }

            if (first is null)
            {
                first = identifiers;
            }
            else if (identifiers.MessageIdentifier != first.MessageIdentifier)
            {
                context.Report(
                    CapProfileDiagnosticCodes.EuAlertLevelsDiffer,
                    $"This info block maps to {Describe(identifiers)} but an earlier one to {Describe(first)}: the translations of one alert are one broadcast, so give them the same severity, urgency, certainty and {EuAlertMapper.LevelParameterName}.",
                    CapPath.Info(i),
                    infos[i]);
            }
        }
    }

    private static string Describe(EuAlertIdentifiers identifiers) =>
        $"{identifiers.Level} (message identifier {ProfileText.Number(identifiers.MessageIdentifier)})";
}
