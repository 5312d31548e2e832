namespace BeAlert.Cap;

/// <summary>Builds the element paths used in diagnostics: <c>/alert/info[1]/area[2]/polygon[1]</c> (1-based indexes).</summary>
internal static class CapPath
{
    internal const string Alert = "/alert";

    internal static string Field(string parent, string name) => parent + "/" + name;

    internal static string Info(int infoIndex) => $"/alert/info[{infoIndex + 1}]";

    internal static string Area(int infoIndex, int areaIndex) => $"{Info(infoIndex)}/area[{areaIndex + 1}]";

    internal static string Resource(int infoIndex, int resourceIndex) => $"{Info(infoIndex)}/resource[{resourceIndex + 1}]";

    internal static string Indexed(string parent, string name, int index) => $"{parent}/{name}[{index + 1}]";
}
