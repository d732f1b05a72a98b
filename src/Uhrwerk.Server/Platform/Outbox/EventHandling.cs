using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Platform.Outbox;

public enum EventHandlingStatus { Pending, Handled, Dead }

/// <summary>
/// One handler's dealings with one event: handled once, retried on its own with growing pauses,
/// dead after the last attempt until staff retry it. The event's time and aggregate are copied
/// here so that a handler's next event can be found without reading the outbox.
/// </summary>
public sealed class EventHandling
{
    private EventHandling() { }

    public Guid MessageId { get; private set; }
    public string Handler { get; private set; } = "";
    public string EventType { get; private set; } = "";
    public Guid? AggregateId { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public EventHandlingStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? HandledAt { get; private set; }
    public string? LastError { get; private set; }

    public static EventHandling Await(OutboxMessage message, string handler) => new()
    {
        MessageId = message.Id,
        Handler = handler,
        EventType = message.Type,
        AggregateId = message.AggregateId,
        OccurredAt = message.OccurredAt,
        Status = EventHandlingStatus.Pending,
        NextAttemptAt = message.OccurredAt,
    };

    public void Handled(DateTimeOffset now)
    {
        Status = EventHandlingStatus.Handled;
        HandledAt = now;
        Attempts++;
        LastError = null;
    }

    /// <summary>The handler failed; it tries again after a pause, and gives up after the policy's last attempt.</summary>
    public void Failed(string error, RetryPolicy policy, DateTimeOffset now)
    {
        Attempts++;
        LastError = Shortened(error);
        if (Attempts >= policy.MaxAttempts)
        {
            Status = EventHandlingStatus.Dead;
            return;
        }

        NextAttemptAt = now + policy.DelayAfter(Attempts);
    }

    /// <summary>
    /// The database failed for a while (unreachable, timeout, deadlock): not the handler's fault, so no
    /// attempt is counted; the error shows until it is handled.
    /// </summary>
    public void Interrupted(string error) => LastError = Shortened(error);

    /// <summary>Staff ask for another round after fixing the cause; the attempts start over.</summary>
    public void Retry(DateTimeOffset now)
    {
        if (Status == EventHandlingStatus.Handled)
        {
            throw new DomainException("already_handled", T.Get("Events.AlreadyHandled"));
        }

        Status = EventHandlingStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
    }

    private static string Shortened(string error) => error.Length > 1000 ? error[..1000] : error;
}
