namespace Uhrwerk.Server.Modules.Tracking.Ingest;

public enum CarrierMessageStatus
{
    Received,
    Processed,
    Failed,
}

/// <summary>
/// A carrier's message exactly as it came, stored before anything is read from it, so nothing a carrier said is lost:
/// processing happens afterwards, is retried when the database was in the way, and a message that cannot be read stays
/// as failed with its error for staff to see.
/// </summary>
public sealed class CarrierMessage
{
    public const int MaxError = 1000;

    private CarrierMessage() { }

    public Guid Id { get; private set; }
    public string Carrier { get; private set; } = "";

    /// <summary>The sender's message id (webhook-id); the same message sent again is stored once.</summary>
    public string WebhookId { get; private set; } = "";

    public DateTimeOffset ReceivedAt { get; private set; }
    public string Body { get; private set; } = "";
    public CarrierMessageStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? ProcessedAt { get; private set; }

    /// <summary>Why it failed, or what was left unmatched (a parcel no shipment has).</summary>
    public string? Error { get; private set; }

    public static CarrierMessage Receive(string carrier, string webhookId, string body, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Carrier = carrier,
        WebhookId = webhookId,
        ReceivedAt = now,
        Body = body,
        Status = CarrierMessageStatus.Received,
        NextAttemptAt = now,
    };

    /// <param name="unmatched">Tracking numbers no shipment has: kept as a note, the message is done all the same.</param>
    public void Processed(IReadOnlyCollection<string> unmatched, DateTimeOffset now)
    {
        Attempts++;
        Status = CarrierMessageStatus.Processed;
        ProcessedAt = now;
        Error = unmatched.Count == 0 ? null : Cut("Unknown parcels: " + string.Join(", ", unmatched));
    }

    /// <summary>The message cannot be read: it stays failed, trying again would not help.</summary>
    public void Unreadable(string error, DateTimeOffset now)
    {
        Attempts++;
        Status = CarrierMessageStatus.Failed;
        ProcessedAt = now;
        Error = Cut(error);
    }

    /// <summary>Processing failed for a reason outside the message (database, a concurrent change): again after <paramref name="retry"/>'s delay, failed after its last attempt.</summary>
    public void Interrupted(string error, Platform.RetryPolicy retry, DateTimeOffset now)
    {
        Attempts++;
        Error = Cut(error);
        if (Attempts >= retry.MaxAttempts)
        {
            Status = CarrierMessageStatus.Failed;
            ProcessedAt = now;
        }
        else
        {
            NextAttemptAt = now + retry.DelayAfter(Attempts);
        }
    }

    private static string Cut(string text) => text.Length > MaxError ? text[..MaxError] : text;
}
