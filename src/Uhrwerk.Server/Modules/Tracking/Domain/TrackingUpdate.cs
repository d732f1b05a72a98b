namespace Uhrwerk.Server.Modules.Tracking.Domain;

/// <summary>
/// One scan as a carrier reported it, normalised. <paramref name="EventId"/> identifies it at the carrier (or is derived
/// from its content when the carrier gives none), so the same scan reported twice is recorded once.
/// <paramref name="EstimatedDelivery"/> is the carrier's delivery estimate as it stood at this scan, if it gave one.
/// </summary>
public sealed record ScanReport(
    string EventId,
    DateTimeOffset OccurredAt,
    TrackingStatus Status,
    string? SubStatus,
    string? CarrierCode,
    string? CarrierText,
    string? Location,
    DateTimeOffset? EstimatedDelivery);

/// <summary>What a carrier said about one parcel in one message (webhook call or poll answer).</summary>
public sealed record TrackingUpdate(string Carrier, string TrackingNumber, IReadOnlyList<ScanReport> Scans);
