namespace BeAlert.Dispatch;

/// <summary>The language area a municipality lies in, which decides the default language of the people living there.</summary>
public enum LanguageRegion : byte
{
    /// <summary>Not known (no address, or a NIS code outside the boundary data).</summary>
    Unknown = 0,

    /// <summary>The Flemish Region: Dutch.</summary>
    Flanders = 1,

    /// <summary>The Walloon Region outside the German-speaking Community: French.</summary>
    Wallonia = 2,

    /// <summary>The nine municipalities of the German-speaking Community (the East Cantons): German.</summary>
    EastCantons = 3,

    /// <summary>The 19 municipalities of the Brussels-Capital Region: French and Dutch.</summary>
    Brussels = 4,
}
