namespace BeAlert.Cap;

/// <summary>The code denoting the category of the subject event (CAP 1.2 <c>category</c>).</summary>
public enum CapCategory
{
    /// <summary>Geophysical (including landslide).</summary>
    Geo,
    /// <summary>Meteorological (including flood).</summary>
    Met,
    /// <summary>General emergency and public safety.</summary>
    Safety,
    /// <summary>Law enforcement, military, homeland and local/private security.</summary>
    Security,
    /// <summary>Rescue and recovery.</summary>
    Rescue,
    /// <summary>Fire suppression and rescue.</summary>
    Fire,
    /// <summary>Medical and public health.</summary>
    Health,
    /// <summary>Pollution and other environmental.</summary>
    Env,
    /// <summary>Public and private transportation.</summary>
    Transport,
    /// <summary>Utility, telecommunication, other non-transport infrastructure.</summary>
    Infra,
    /// <summary>Chemical, biological, radiological, nuclear or high-yield explosive threat or attack (written <c>CBRNE</c>).</summary>
    Cbrne,
    /// <summary>Other events.</summary>
    Other,
}
