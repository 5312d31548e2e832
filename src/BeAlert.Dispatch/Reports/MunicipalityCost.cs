namespace BeAlert.Dispatch;

/// <summary>The share of a campaign's cost that falls on one municipality (main residence of the people reached).</summary>
/// <param name="MunicipalityNis">The municipality's NIS code; 0 for people without a known residence and zone deliveries.</param>
/// <param name="Deliveries">Billed deliveries.</param>
/// <param name="Cost">Their cost in euro.</param>
public sealed record MunicipalityCost(int MunicipalityNis, long Deliveries, decimal Cost);
