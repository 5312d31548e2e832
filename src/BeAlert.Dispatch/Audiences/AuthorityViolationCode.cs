namespace BeAlert.Dispatch;

/// <summary>Which authority rule an audience breaks.</summary>
public enum AuthorityViolationCode
{
    /// <summary>A group-alerting (type 2) operator targets by place or uses a population channel.</summary>
    GroupAlertingOnly = 1,

    /// <summary>The group belongs to another operator.</summary>
    NotOwnGroup = 2,

    /// <summary>The contact list belongs to another operator.</summary>
    NotOwnList = 3,

    /// <summary>Location-based SMS (cell broadcast) without the training right.</summary>
    NotTrained = 4,

    /// <summary>A municipality, street or area outside the operator's territory and its neighbours.</summary>
    OutsideTerritory = 5,

    /// <summary>A neighbouring municipality, while the operator has no ad-hoc cooperation.</summary>
    NeighbourWithoutCooperation = 6,

    /// <summary>Everyone in the country, by an operator that is not national.</summary>
    NationalOnly = 7,

    /// <summary>A NIS code that is not a municipality.</summary>
    UnknownMunicipality = 8,
}
