namespace BeAlert.Cap;

/// <summary>
/// EUA002 and EUA003: every info block of a broadcast maps to an EU-Alert level (<see cref="EuAlertMapper"/>); when
/// it does not, the message says why and how to fix it.
/// </summary>
internal sealed class EuAlertLevelRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        if (!EuAlertRules.IsBroadcast(alert))
        {
            return;
        }

        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var info = infos[i];
            if (context.IsUnreadable(info, "urgency") || context.IsUnreadable(info, "severity") || context.IsUnreadable(info, "certainty"))
            {
                continue; // the parser said why; a level computed from a missing value would only mislead
            }

            var result = EuAlertMapper.Map(alert.Status, info);
            if (result.Failure == EuAlertMapper.Failure.NoLevel)
            {
                context.Report(CapProfileDiagnosticCodes.EuAlertNoLevel, result.Reason!, CapPath.Info(i), info);
            }
            else if (result.Failure == EuAlertMapper.Failure.BadParameter)
            {
                var index = Index(info.Parameters);
                context.Report(
                    CapProfileDiagnosticCodes.EuAlertLevelParameter,
                    result.Reason!,
                    CapPath.Indexed(CapPath.Info(i), "parameter", index),
                    info.Parameters[index]);
            }
        }
    }

    private static int Index(IReadOnlyList<CapNamedValue> parameters)
    {
        for (var p = 0; p < parameters.Count; p++)
        {
            if (string.Equals(parameters[p].ValueName, EuAlertMapper.LevelParameterName, StringComparison.OrdinalIgnoreCase))
            {
                return p;
            }
        }

        return 0;
    }
}
