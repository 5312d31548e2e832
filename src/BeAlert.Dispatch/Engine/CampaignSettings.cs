using System.Text.Json;
using System.Text.Json.Serialization;

namespace BeAlert.Dispatch;

/// <summary>What the engine keeps in <see cref="CampaignRecord.SettingsJson"/>: the account and the campaigns an Update alert changed.</summary>
internal sealed record CampaignSettings
{
    public string? Account { get; init; }

    public IReadOnlyList<Guid> Updates { get; init; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, CampaignSettingsJson.Default.CampaignSettings);

    public static CampaignSettings FromJson(string? json) =>
        string.IsNullOrWhiteSpace(json) ? new CampaignSettings() :
        JsonSerializer.Deserialize(json, CampaignSettingsJson.Default.CampaignSettings) ?? new CampaignSettings();
}

/// <summary>Source-generated JSON for <see cref="CampaignSettings"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, MaxDepth = 8)]
[JsonSerializable(typeof(CampaignSettings))]
internal sealed partial class CampaignSettingsJson : JsonSerializerContext;
