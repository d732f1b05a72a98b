using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Notifications;

/// <summary>
/// Publish this to the outbox (with the business change) to tell users about a situation. Each
/// user gets it in their language on the channels they chose; <paramref name="Data"/> fills the
/// situation's templates (keys in snake_case, e.g. "order_number").
/// </summary>
[Event("UsersToNotify", 1)]
public sealed record UsersToNotify(string Situation, IReadOnlyList<Guid> UserIds, IReadOnlyDictionary<string, string> Data);
