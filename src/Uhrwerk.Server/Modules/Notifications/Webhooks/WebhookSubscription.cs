using System.Security.Cryptography;
using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Notifications.Webhooks;

/// <summary>
/// A machine client (the ERP) that wants events pushed to a URL, signed per the Standard Webhooks
/// scheme with a secret only it and Uhrwerk know. A 410 answer switches it off for good.
/// </summary>
public sealed class WebhookSubscription
{
    private List<string> _eventTypes = [];

    private WebhookSubscription() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Url { get; private set; } = "";
    public string Secret { get; private set; } = "";
    public bool IsActive { get; private set; }
    public string? DisabledReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public IReadOnlyList<string> EventTypes => _eventTypes;

    public static WebhookSubscription Subscribe(string name, Uri url, IEnumerable<string> eventTypes, DateTimeOffset now)
    {
        var types = eventTypes.Distinct().ToList();
        if (types.Count == 0)
        {
            throw ValidationFailedException.For("eventTypes", T.Get("Webhooks.EventTypeRequired"));
        }

        return new WebhookSubscription
        {
            Id = Guid.CreateVersion7(now),
            Name = name.Trim(),
            Url = url.ToString(),
            Secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            IsActive = true,
            CreatedAt = now,
            _eventTypes = types,
        };
    }

    public bool Wants(string eventType) => IsActive && _eventTypes.Contains(eventType);

    public void Disable(string reason)
    {
        IsActive = false;
        DisabledReason = reason;
    }
}
