namespace BeAlert.Cap.Tests.Profiles;

/// <summary>Assertions over the diagnostics a profile adds to an alert built in code.</summary>
internal static class ProfileAssert
{
    /// <summary>The diagnostics of the profile's own rules (CAP codes left out).</summary>
    internal static IReadOnlyList<CapDiagnostic> Of(CapProfile profile, CapAlert alert) =>
        [.. CapValidator.For(profile).Validate(alert).Diagnostics.Where(d => d.Code.StartsWith(profile.CodePrefix, StringComparison.Ordinal))];

    /// <summary>Asserts exactly one profile diagnostic, with this code and path, and no CAP error; returns it.</summary>
    internal static CapDiagnostic Single(CapProfile profile, CapAlert alert, string code, string path)
    {
        var all = CapValidator.For(profile).Validate(alert).Diagnostics;
        Assert.DoesNotContain(all, d => d.IsError && d.Code.StartsWith("CAP", StringComparison.Ordinal));
        var diagnostic = Assert.Single(Of(profile, alert));
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(path, diagnostic.Path);
        Assert.Equal(CapRuleCatalog.Get(code).Severity, diagnostic.Severity);
        return diagnostic;
    }

    /// <summary>Asserts that the profile adds no diagnostic at all.</summary>
    internal static void None(CapProfile profile, CapAlert alert) => Assert.Empty(Of(profile, alert));

    /// <summary>The codes the profile adds, in order.</summary>
    internal static string[] Codes(CapProfile profile, CapAlert alert) => [.. Of(profile, alert).Select(d => d.Code)];
}
