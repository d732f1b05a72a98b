using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Notifications.Domain;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Notifications.Preferences;

public sealed record ChannelChoice(Channel Channel, bool Enabled, bool Locked);

public sealed record SituationChoices(string Situation, bool Critical, IReadOnlyList<ChannelChoice> Channels);

public sealed record ChoosePreferenceRequest([property: Required, StringLength(80)] string Situation, Channel Channel, bool Enabled);

/// <summary>The signed-in person's own choices: which situations reach them on which channel.</summary>
internal sealed class MyPreferences(UhrwerkDbContext db, CurrentUser me, IAccounts accounts, TimeProvider clock)
{
    public async Task<IReadOnlyList<SituationChoices>> ListAsync(CancellationToken ct)
    {
        var userId = me.RequiredUserId;
        var mine = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == userId).ToListAsync(ct);
        var hasMobile = await HasMobileAsync(userId, ct);
        return SituationCatalog.All.Select(s => new SituationChoices(s.Key, s.Critical, SituationCatalog.PersonalChannels.Select(c =>
        {
            var locked = s.Critical && c == Channel.Email;
            // A number removed after the opt-in leaves nothing to send to: the choice shows what will actually happen.
            var reachable = c == Channel.Email || hasMobile;
            var enabled = locked || (reachable && (mine.SingleOrDefault(p => p.Situation == s.Key && p.Channel == c)?.Enabled ?? SituationCatalog.DefaultFor(c)));
            return new ChannelChoice(c, enabled, locked);
        }).ToList())).ToList();
    }

    public async Task ChooseAsync(IEnumerable<ChoosePreferenceRequest> choices, CancellationToken ct)
    {
        var userId = me.RequiredUserId;
        var now = clock.GetUtcNow();
        var mine = await db.NotificationPreferences.Where(p => p.UserId == userId).ToListAsync(ct);
        var hasMobile = await HasMobileAsync(userId, ct);
        foreach (var choice in choices)
        {
            var existing = mine.SingleOrDefault(p => p.Situation == choice.Situation && p.Channel == choice.Channel);
            if (existing is null)
            {
                var created = NotificationPreference.Choose(me.CompanyId, userId, choice.Situation, choice.Channel, choice.Enabled, hasMobile, now);
                db.NotificationPreferences.Add(created);
                mine.Add(created);
            }
            else
            {
                existing.Change(choice.Enabled, hasMobile, now);
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task<bool> HasMobileAsync(Guid userId, CancellationToken ct) =>
        (await accounts.ContactsAsync([userId], ct)).SingleOrDefault()?.Mobile is { Length: > 0 };
}

internal static class PreferenceEndpoints
{
    public static void Map(RouteGroupBuilder notifications)
    {
        var mine = notifications.MapGroup("/me/notification-preferences").RequireAuthorization();
        mine.MapGet("/", List).WithSummary("My notification choices per situation and channel");
        mine.MapPut("/", Choose).WithSummary("Switch one situation on one channel on or off (SMS and WhatsApp need an opt-in; security messages stay on)");
    }

    private static async Task<Ok<IReadOnlyList<SituationChoices>>> List(MyPreferences preferences, CancellationToken ct) =>
        TypedResults.Ok(await preferences.ListAsync(ct));

    private static async Task<Ok<IReadOnlyList<SituationChoices>>> Choose(ChoosePreferenceRequest choice, MyPreferences preferences, CancellationToken ct)
    {
        await preferences.ChooseAsync([choice], ct);
        return TypedResults.Ok(await preferences.ListAsync(ct));
    }
}
