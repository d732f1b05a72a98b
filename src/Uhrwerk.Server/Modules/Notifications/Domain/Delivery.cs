using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Notifications.Domain;

public enum Channel { Email, Sms, WhatsApp, Webhook }

public enum DeliveryStatus { Pending, Sent, DeadLetter }

/// <summary>
/// One message to one recipient on one channel, rendered when the event was handled. It is sent
/// once (the same event, recipient and channel never make a second delivery), retried with
/// growing pauses, and dead-lettered after the last attempt until staff retry it.
/// </summary>
public sealed class Delivery
{
    private Delivery() { }

    public Guid Id { get; private set; }
    public Guid SourceMessageId { get; private set; }
    public Guid? CompanyId { get; private set; }
    public string Situation { get; private set; } = "";
    public Channel Channel { get; private set; }
    public string Recipient { get; private set; } = "";
    public string Language { get; private set; } = "de";
    public string Subject { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public string? HtmlBody { get; private set; }
    public DeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }
    public string? ProviderMessageId { get; private set; }

    public static Delivery Render(Guid sourceMessageId, Guid? companyId, string situation, Channel channel, string recipient, string language, RenderedMessage message, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        SourceMessageId = sourceMessageId,
        CompanyId = companyId,
        Situation = situation,
        Channel = channel,
        Recipient = recipient,
        Language = language,
        Subject = message.Subject,
        TextBody = message.Text,
        HtmlBody = message.Html,
        Status = DeliveryStatus.Pending,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    /// <summary>Taken by one worker for a while; if that worker dies, another may take it after the lease.</summary>
    public void Claim(DateTimeOffset now, TimeSpan lease) => LockedUntil = now + lease;

    public void Delivered(string? providerMessageId, DateTimeOffset now)
    {
        EnsurePending();
        Status = DeliveryStatus.Sent;
        Attempts++;
        SentAt = now;
        ProviderMessageId = providerMessageId;
        LastError = null;
        LockedUntil = null;
    }

    public void Failed(string error, RetryPolicy policy, DateTimeOffset now)
    {
        EnsurePending();
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        LockedUntil = null;
        if (Attempts >= policy.MaxAttempts)
        {
            Status = DeliveryStatus.DeadLetter;
            return;
        }

        NextAttemptAt = now + policy.DelayAfter(Attempts);
    }

    /// <summary>A failure no retry can mend (the receiver is gone): straight to the dead-letter list.</summary>
    public void Abandon(string error)
    {
        EnsurePending();
        Attempts++;
        LastError = error;
        LockedUntil = null;
        Status = DeliveryStatus.DeadLetter;
    }

    /// <summary>Staff send a dead-lettered message again once the channel works.</summary>
    public void Retry(DateTimeOffset now)
    {
        if (Status != DeliveryStatus.DeadLetter)
        {
            throw new DomainException("not_dead_lettered", T.Get("DeliveryLog.OnlyDeadRetried"));
        }

        Status = DeliveryStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
    }

    private void EnsurePending()
    {
        if (Status != DeliveryStatus.Pending)
        {
            throw new DomainException("not_pending", T.Format("DeliveryLog.NotPending", Status));
        }
    }
}

public sealed record RenderedMessage(string Subject, string Text, string? Html);
