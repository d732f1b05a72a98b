using System.Collections.Frozen;
using System.Reflection;

namespace Uhrwerk.Server.Platform.Outbox;

/// <summary>
/// Marks a record as an event other modules and machine clients may react to. The name is the
/// contract: it is stored in the outbox, sent as a webhook's <c>type</c> and never derived from the
/// class name, so a class can be renamed. A payload change that breaks readers gets a new version.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventAttribute(string name, int version) : Attribute
{
    public string Name { get; } = name;

    public int Version { get; } = version;
}

/// <summary>Every event of the system, found by its <see cref="EventAttribute"/>; docs/events.md describes them.</summary>
public static class EventCatalog
{
    private static readonly FrozenDictionary<Type, EventAttribute> ByType = typeof(EventCatalog).Assembly.GetTypes()
        .Select(t => (Type: t, Event: t.GetCustomAttribute<EventAttribute>()))
        .Where(t => t.Event is not null)
        .ToFrozenDictionary(t => t.Type, t => t.Event!);

    private static readonly FrozenDictionary<string, Type> ByName = ByType.ToFrozenDictionary(e => e.Value.Name, e => e.Key);

    public static IReadOnlyCollection<Type> Types => ByType.Keys;

    public static EventAttribute Of(Type type) =>
        ByType.TryGetValue(type, out var found) || type.GetCustomAttribute<EventAttribute>() is { } attribute && (found = attribute) is not null
            ? found
            : throw new InvalidOperationException($"{type.FullName} is published as an event but has no [Event] name.");

    public static Type? TypeOf(string name) => ByName.GetValueOrDefault(name);
}

/// <summary>What a handler knows about the event besides its payload.</summary>
public sealed record EventContext(Guid MessageId, string EventName, int Version, Guid? CompanyId, DateTimeOffset OccurredAt, int Attempt);

/// <summary>
/// Reacts to one kind of committed event. It runs in its own scope and transaction: whatever it
/// writes through the scope's <c>UhrwerkDbContext</c> commits together with the record that it
/// handled the event, so its database effects happen exactly once. An exception is a failed
/// attempt, retried later for this handler alone.
/// </summary>
public interface IEventHandler<in TEvent> where TEvent : class
{
    Task HandleAsync(TEvent @event, EventContext context, CancellationToken ct);
}

/// <summary>A handler that takes events as stored (name, version, JSON payload), e.g. to forward them unchanged.</summary>
public interface IRawEventHandler
{
    Task HandleAsync(OutboxMessage message, CancellationToken ct);
}
