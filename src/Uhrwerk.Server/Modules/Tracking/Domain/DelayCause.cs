namespace Uhrwerk.Server.Modules.Tracking.Domain;

/// <summary>Why a delivery promise is at risk; each opens its own watch-list entry and tells the customer once.</summary>
public enum DelayCause
{
    /// <summary>The expected delivery is later than the promised date.</summary>
    EtaAfterPromise,

    /// <summary>No scan for several working days.</summary>
    NoScan,

    /// <summary>The carrier reported an exception.</summary>
    CarrierException,

    /// <summary>The carrier could not deliver.</summary>
    FailedAttempt,

    /// <summary>Not shipped by the planned ship date.</summary>
    DelayedDispatch,

    /// <summary>Longer in transit than the lane's usual.</summary>
    LeadTimeExceeded,
}
