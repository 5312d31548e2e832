namespace BeAlert.Cap.Tests.Validation;

/// <summary>Assertions over the diagnostics of <see cref="CapValidator.Default"/>.</summary>
internal static class DiagnosticAssert
{
    /// <summary>Asserts that validation gives exactly one diagnostic, with this code and path, and returns it.</summary>
    internal static CapDiagnostic Single(CapAlert alert, string code, string path)
    {
        var diagnostics = CapValidator.Default.Validate(alert).Diagnostics;
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(path, diagnostic.Path);
        Assert.Equal(CapRuleCatalog.Get(code).Severity, diagnostic.Severity);
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message));
        return diagnostic;
    }

    /// <summary>Asserts that validation gives no diagnostic at all.</summary>
    internal static void None(CapAlert alert) => Assert.Empty(CapValidator.Default.Validate(alert).Diagnostics);

    /// <summary>Asserts that validation gives only diagnostics of this code, with these paths, in order.</summary>
    internal static void All(CapAlert alert, string code, params string[] paths)
    {
        var diagnostics = CapValidator.Default.Validate(alert).Diagnostics;
        Assert.All(diagnostics, d => Assert.Equal(code, d.Code));
        Assert.Equal(paths, diagnostics.Select(d => d.Path));
    }
}
