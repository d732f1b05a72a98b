using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Notifications.Domain;

/// <summary>A person's choice for one situation on one channel; without one, the channel's default applies.</summary>
public sealed class NotificationPreference : ICompanyOwned
{
    private NotificationPreference() { }

    public Guid Id { get; private set; }
    public Guid? CompanyId { get; private set; }
    public Guid UserId { get; private set; }
    public string Situation { get; private set; } = "";
    public Channel Channel { get; private set; }
    public bool Enabled { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }

    public static NotificationPreference Choose(Guid? companyId, Guid userId, string situation, Channel channel, bool enabled, bool hasMobile, DateTimeOffset now)
    {
        var preference = new NotificationPreference { Id = Guid.CreateVersion7(now), CompanyId = companyId, UserId = userId, Situation = situation, Channel = channel };
        preference.Change(enabled, hasMobile, now);
        return preference;
    }

    /// <summary>Switches the channel on or off; SMS and WhatsApp go to a mobile number, so without one they stay off.</summary>
    public void Change(bool enabled, bool hasMobile, DateTimeOffset now)
    {
        var info = SituationCatalog.Find(Situation) ?? throw ValidationFailedException.For("situation", T.Format("Notifications.UnknownSituation", Situation));
        if (!SituationCatalog.PersonalChannels.Contains(Channel))
        {
            throw ValidationFailedException.For("channel", T.Get("Notifications.ChooseChannel"));
        }

        if (info.Critical && !enabled && Channel == Channel.Email)
        {
            throw new DomainException("critical_situation", T.Get("Notifications.CriticalByEmail"));
        }

        if (enabled && Channel != Channel.Email && !hasMobile)
        {
            throw ValidationFailedException.For("channel", T.Format("Notifications.MobileRequired", T.Get("Channel." + Channel)));
        }

        Enabled = enabled;
        ChangedAt = now;
    }
}
