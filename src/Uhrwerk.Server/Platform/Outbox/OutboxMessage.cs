using System.Text.Json;
using System.Text.Json.Serialization;

namespace Uhrwerk.Server.Platform.Outbox;

/// <summary>
/// An event recorded in the same transaction as the business change that caused it. After commit it
/// is handed to every handler subscribed to it, each recorded on its own in an <see cref="EventHandling"/>.
/// </summary>
public sealed class OutboxMessage
{
    // Enums as names: readable in the table and for webhook receivers, and still read from numbers.
    public static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter() } };

    private OutboxMessage() { }

    public Guid Id { get; private set; }
    public string Type { get; private set; } = "";
    public int Version { get; private set; }
    public string Payload { get; private set; } = "";
    public Guid? CompanyId { get; private set; }

    /// <summary>The order, user or other thing the event is about; its events reach each handler in the order they happened.</summary>
    public Guid? AggregateId { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>When it was handed to its handlers; null while it waits for that.</summary>
    public DateTimeOffset? ProcessedAt { get; private set; }

    internal static OutboxMessage For(object @event, Guid? companyId, Guid? aggregateId, DateTimeOffset now)
    {
        var declared = EventCatalog.Of(@event.GetType());
        return new()
        {
            Id = Guid.CreateVersion7(now),
            Type = declared.Name,
            Version = declared.Version,
            Payload = JsonSerializer.Serialize(@event, @event.GetType(), Json),
            CompanyId = companyId,
            AggregateId = aggregateId,
            OccurredAt = now,
        };
    }

    public void HandedToHandlers(DateTimeOffset now) => ProcessedAt = now;

    public T Read<T>() => JsonSerializer.Deserialize<T>(Payload, Json)
        ?? throw new InvalidOperationException($"Outbox message {Id} has an empty payload.");

    public object Read(Type type) => JsonSerializer.Deserialize(Payload, type, Json)
        ?? throw new InvalidOperationException($"Outbox message {Id} has an empty payload.");
}
