namespace BeAlert.Cap.Geo;

/// <summary>The level of a Belgian administrative unit, from the whole country down to a municipality.</summary>
public enum AdministrativeLevel
{
    /// <summary>Belgium (NIS 01000).</summary>
    Country,

    /// <summary>A region: Flemish (02000), Walloon (03000) or Brussels-Capital (04000).</summary>
    Region,

    /// <summary>One of the ten provinces (10000 Antwerp ... 90000 Namur; 20001 Flemish Brabant, 20002 Walloon Brabant).</summary>
    Province,

    /// <summary>One of the 43 administrative arrondissements (for example 44000 Gent).</summary>
    Arrondissement,

    /// <summary>One of the 581 municipalities (for example 44021 Gent).</summary>
    Municipality,
}
