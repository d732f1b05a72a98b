using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Feedback.Domain;

/// <summary>A dealer or service partner who answers the customers routed to them, through their own portal users.</summary>
public sealed class Partner
{
    private Partner() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public bool IsActive { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Partner Create(string name, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Name = PlainText.Name("name", name.Trim()) is { Length: > 0 and <= 100 } valid ? valid : throw ValidationFailedException.For("name", T.Get("Feedback.Partner.Name")),
        IsActive = true,
        CreatedAt = now,
    };

    public void Deactivate() => IsActive = false;
}

/// <summary>A portal user who works for a partner: a staff account with the Partner role and nothing else.</summary>
public sealed class PartnerMember
{
    private PartnerMember() { }

    public Guid PartnerId { get; private set; }
    public Guid UserId { get; private set; }

    public static PartnerMember Of(Guid partnerId, Guid userId) => new() { PartnerId = partnerId, UserId = userId };
}
