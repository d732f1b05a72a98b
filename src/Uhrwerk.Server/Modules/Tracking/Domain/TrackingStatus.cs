namespace Uhrwerk.Server.Modules.Tracking.Domain;

/// <summary>
/// The normalised status of a parcel, AfterShip's set (a de-facto standard), so that every carrier's own codes land
/// on the same few steps; the carrier's code and text are kept beside it on each scan.
/// </summary>
public enum TrackingStatus
{
    Pending,
    InfoReceived,
    InTransit,
    OutForDelivery,
    AttemptFail,
    Delivered,
    AvailableForPickup,
    Exception,
    Expired,
}
