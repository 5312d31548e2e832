namespace BeAlert.Cap;

/// <summary>Composes a <see cref="CapInfo"/>; used through <see cref="CapAlertBuilder.AddInfo(string, CapCategory, string, CapUrgency, CapSeverity, CapCertainty, Action{CapInfoBuilder})"/>.</summary>
public sealed class CapInfoBuilder
{
    private CapInfo _info;
    private readonly List<CapArea> _areas = [];

    internal CapInfoBuilder(CapInfo info) => _info = info;

    /// <summary>Adds a category.</summary>
    /// <param name="category">The category.</param>
    /// <returns>The builder.</returns>
    public CapInfoBuilder AddCategory(CapCategory category) => Set(_info with { Categories = [.. _info.Categories, category] });

    /// <summary>Adds a recommended response.</summary>
    /// <param name="responseType">The response type.</param>
    /// <returns>The builder.</returns>
    public CapInfoBuilder AddResponseType(CapResponseType responseType) => Set(_info with { ResponseTypes = [.. _info.ResponseTypes, responseType] });

    /// <summary>Sets the audience.</summary>
    /// <param name="audience">The audience.</param>
    /// <returns>The builder.</returns>
    public CapInfoBuilder Audience(string? audience) => Set(_info with { Audience = audience });

    /// <summary>Adds an event code.</summary>
    /// <param name="valueName">The code domain.</param>
    /// <param name="value">The code.</param>
    /// <returns>The builder.</returns>
    public CapInfoBuilder AddEventCode(string valueName, string value) => Set(_info with { EventCodes = [.. _info.EventCodes, new CapNamedValue(valueName, value)] });

    /// <summary>Sets the effective time.</summary>
    /// <param name="effective">The time.</param>
    /// <returns>The builder.</returns>
    public CapInfoBuilder Effective(CapDateTime? effective) => Set(_info with { Effective = effective });

    /// <summary>Sets the onset time.</summary>
    /// <param name="onset">The time.</param>
    /// <returns>The builder.</returns>
    public CapInfoBuilder Onset(CapDateTime? onset) => Set(_info with { Onset = onset });

    /// <summary>Sets the expiry time.</summary>
    /// <param name="expires">The time.</param>
    /// <returns>The builder.</returns>
    public CapInfoBuilder Expires(CapDateTime? expires) => Set(_info with { Expires = expires });

    /// <summary>Sets the sender name.</summary>
    /// <param name="senderName">The name of the issuing agency.</param>
    /// <returns>The builder.</returns>
    public CapInfoBuilder SenderName(string? senderName) => Set(_info with { SenderName = senderName });

    /// <summary>Sets the headline.</summary>
    /// <param name="headline">The headline (under 160 characters).</param>
    /// <returns>The builder.</returns>
    public CapInfoBuilder Headline(string? headline) => Set(_info with { Headline = headline });

    /// <summary>Sets the description.</summary>
    /// <param name="description">The description.</param>
    /// <returns>The builder.</returns>
    public CapInfoBuilder Description(string? description) => Set(_info with { Description = description });

    /// <summary>Sets the instruction.</summary>
    /// <param name="instruction">The instruction.</param>
    /// <returns>The builder.</returns>
    public CapInfoBuilder Instruction(string? instruction) => Set(_info with { Instruction = instruction });

    /// <summary>Sets the web address for more information.</summary>
    /// <param name="web">An absolute URI.</param>
    /// <returns>The builder.</returns>
    public CapInfoBuilder Web(string? web) => Set(_info with { Web = web });

    /// <summary>Sets the contact.</summary>
    /// <param name="contact">The contact.</param>
    /// <returns>The builder.</returns>
    public CapInfoBuilder Contact(string? contact) => Set(_info with { Contact = contact });

    /// <summary>Adds a parameter.</summary>
    /// <param name="valueName">The parameter name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The builder.</returns>
    public CapInfoBuilder AddParameter(string valueName, string value) => Set(_info with { Parameters = [.. _info.Parameters, new CapNamedValue(valueName, value)] });

    /// <summary>Adds a resource.</summary>
    /// <param name="resource">The resource.</param>
    /// <returns>The builder.</returns>
    public CapInfoBuilder AddResource(CapResource resource) => Set(_info with { Resources = [.. _info.Resources, resource] });

    /// <summary>Adds an area composed with a <see cref="CapAreaBuilder"/>.</summary>
    /// <param name="areaDesc">The area description.</param>
    /// <param name="configure">Adds polygons, circles, geocodes and altitudes.</param>
    /// <returns>The builder.</returns>
    public CapInfoBuilder AddArea(string areaDesc, Action<CapAreaBuilder>? configure = null)
    {
        var builder = new CapAreaBuilder(new CapArea(areaDesc));
        configure?.Invoke(builder);
        _areas.Add(builder.Build());
        return this;
    }

    internal CapInfo Build() => _info with { Areas = [.. _info.Areas, .. _areas] };

    private CapInfoBuilder Set(CapInfo info)
    {
        _info = info;
        return this;
    }
}
