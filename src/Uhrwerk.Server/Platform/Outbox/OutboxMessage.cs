using System.Text.Json;
using System.Text.Json.Serialization;

namespace Uhrwerk.Server.Platform.Outbox;

/// <summary>
/// An event recorded in the same transaction as the business change that caused it; a worker
/// handles it after commit, so no side effect happens for a change that was rolled back.
/// </summary>
public sealed class OutboxMessage
{
    // Enums as names: readable in the table and for webhook receivers, and still read from numbers.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter() } };

    private OutboxMessage() { }

    public Guid Id { get; private set; }
    public string Type { get; private set; } = "";
    public string Payload { get; private set; } = "";
    public Guid? CompanyId { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public DateTimeOffset? ProcessedAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    internal static OutboxMessage For(object @event, Guid? companyId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Type = @event.GetType().Name,
        Payload = JsonSerializer.Serialize(@event, @event.GetType(), Json),
        CompanyId = companyId,
        OccurredAt = now,
    };

    public void Processed(DateTimeOffset now)
    {
        ProcessedAt = now;
        LastError = null;
    }

    /// <summary>Handling failed (e.g. a template could not render); the message stays for the next round and the error is visible.</summary>
    public void HandlingFailed(string error)
    {
        Attempts++;
        LastError = Shortened(error);
    }

    /// <summary>
    /// The database failed for a while (unreachable, timeout, deadlock): not the message's fault, so no
    /// attempt is counted and it is tried again without limit; the error shows until it is handled.
    /// </summary>
    public void HandlingInterrupted(string error) => LastError = Shortened(error);

    /// <summary>Failures of the message itself after which it is given up.</summary>
    public const int MaxHandlingAttempts = 10;

    private static string Shortened(string error) => error.Length > 1000 ? error[..1000] : error;

    public T Read<T>() => JsonSerializer.Deserialize<T>(Payload, Json)
        ?? throw new InvalidOperationException($"Outbox message {Id} has an empty payload.");
}
