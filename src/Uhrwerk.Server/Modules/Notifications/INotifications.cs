using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Notifications;

/// <summary>
/// Tells users about a situation with ready values (keys in snake_case, e.g. "order_number"); each
/// user gets it in their language on the channels they chose. Values are the same in every
/// language, so a module with texts, amounts or dates to show publishes its own facts instead and
/// Notifications renders them per recipient (as it does for ordering's events).
/// </summary>
[Event("UsersToNotify", 1)]
public sealed record UsersToNotify(string Situation, IReadOnlyList<Guid> UserIds, IReadOnlyDictionary<string, string> Data);
