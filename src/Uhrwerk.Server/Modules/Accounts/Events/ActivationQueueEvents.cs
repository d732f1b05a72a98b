using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Accounts.Events;

/// <summary>A self-activation waits for customer service; Notifications tells the person who asked.</summary>
[Event("ActivationAwaitsConfirmation", 1)]
public sealed record ActivationAwaitsConfirmation(Guid RequestId, string Email, string DisplayName, string Language, string CustomerNumber);

/// <summary>Customer service refused a waiting self-activation; Notifications tells the person who asked.</summary>
[Event("ActivationRefused", 1)]
public sealed record ActivationRefused(Guid RequestId, string Email, string DisplayName, string Language, string CustomerNumber, string? Reason);
