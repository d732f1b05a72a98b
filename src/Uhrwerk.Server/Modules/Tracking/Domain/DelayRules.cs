using Uhrwerk.Server.Modules.Inventory;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Tracking.Domain;

/// <summary>How long a lane (carrier, warehouse, destination zone) usually takes, in delivery days, from its delivered shipments.</summary>
public sealed record LaneFigures(int Delivered, int MedianDays, int P90Days)
{
    /// <summary>The lane's figures from the transit days of its delivered shipments; none below <paramref name="minimum"/> shipments.</summary>
    public static LaneFigures? Of(IReadOnlyCollection<int> transitDays, int minimum)
    {
        if (transitDays.Count < Math.Max(1, minimum))
        {
            return null;
        }

        var sorted = transitDays.Order().ToArray();
        return new LaneFigures(sorted.Length, sorted[(sorted.Length - 1) / 2], sorted[(int)Math.Ceiling(sorted.Length * 0.9) - 1]);
    }

    /// <summary>The zone of a destination: its country and the first two digits of its postal code, as carriers route.</summary>
    public static string Zone(string country, string postalCode) =>
        $"{country.Trim().ToUpperInvariant()}-{(postalCode.Trim() is { Length: >= 2 } code ? code[..2] : postalCode.Trim())}";
}

/// <summary>When a tracked shipment's promise is at risk, and the day it is expected: the rules the delay watch applies.</summary>
public static class DelayRules
{
    /// <summary>The carrier's estimate when it gave one; else the lane's median transit after the day it left; else the promised date.</summary>
    public static DateOnly Expected(TrackedShipment shipment, LaneFigures? lane, IDeliveryDays days) =>
        shipment.CarrierEta is { } eta ? BerlinTime.DateOf(eta)
        : lane is not null ? days.Add(BerlinTime.DateOf(shipment.ShippedAt), lane.MedianDays)
        : shipment.PromisedDeliveryDate;

    /// <summary>The causes that hold for a shipment on its way today; none once it is delivered.</summary>
    public static IReadOnlyList<DelayCause> Causes(TrackedShipment shipment, DateOnly expected, DateOnly today, LaneFigures? lane, IDeliveryDays days, int noScanDays)
    {
        if (shipment.Status == TrackingStatus.Delivered)
        {
            return [];
        }

        var causes = new List<DelayCause>();
        if (expected > shipment.PromisedDeliveryDate)
        {
            causes.Add(DelayCause.EtaAfterPromise);
        }

        if (today > days.Add(BerlinTime.DateOf(shipment.LastScanAt ?? shipment.ShippedAt), noScanDays))
        {
            causes.Add(DelayCause.NoScan);
        }

        if (shipment.Status == TrackingStatus.Exception)
        {
            causes.Add(DelayCause.CarrierException);
        }

        if (shipment.Status == TrackingStatus.AttemptFail)
        {
            causes.Add(DelayCause.FailedAttempt);
        }

        if (lane is not null && days.Between(BerlinTime.DateOf(shipment.ShippedAt), today) > lane.P90Days)
        {
            causes.Add(DelayCause.LeadTimeExceeded);
        }

        return causes;
    }

    /// <summary>
    /// When goods that should have left on <paramref name="plannedShipDate"/> arrive if they leave on the next delivery day
    /// from today and take as long as planned.
    /// </summary>
    public static DateOnly ExpectedAfterLateDispatch(DateOnly plannedShipDate, DateOnly promised, DateOnly today, IDeliveryDays days) =>
        days.Add(days.Add(today, 0), days.Between(plannedShipDate, promised));
}
