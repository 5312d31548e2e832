namespace BeAlert.Dispatch;

/// <summary>What one operator (an organisation with a login) is allowed to reach. Checked by <see cref="AuthorityRules"/>.</summary>
public sealed class OperatorAuthority
{
    /// <summary>Creates an operator's authority.</summary>
    /// <param name="operatorId">The operator (organisation) id; groups and lists name their owner by it.</param>
    /// <param name="agreement">The agreement signed.</param>
    public OperatorAuthority(string operatorId, AgreementType agreement)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorId);
        if (!Enum.IsDefined(agreement))
        {
            throw new ArgumentOutOfRangeException(nameof(agreement), agreement, "Unknown agreement type.");
        }

        OperatorId = operatorId;
        Agreement = agreement;
    }

    /// <summary>The operator id.</summary>
    public string OperatorId { get; }

    /// <summary>The agreement signed.</summary>
    public AgreementType Agreement { get; }

    /// <summary>Whether the operator followed the training that unlocks location-based SMS (cell broadcast).</summary>
    public bool IsTrained { get; init; }

    /// <summary>
    /// The municipalities (NIS codes) that are the operator's own territory: one for a commune, several for a
    /// structural cooperation or a province.
    /// </summary>
    public IReadOnlyList<int> OwnMunicipalities { get; init; } = [];

    /// <summary>Whether the operator may also alert in municipalities sharing a border with its own (ad-hoc cooperation). Default <see langword="true"/>.</summary>
    public bool AllowsAdHocCooperation { get; init; } = true;

    /// <summary>Whether the operator's territory is the whole country (the federal crisis centre): no territory limit, everyone's groups and lists.</summary>
    public bool IsNational { get; init; }
}
