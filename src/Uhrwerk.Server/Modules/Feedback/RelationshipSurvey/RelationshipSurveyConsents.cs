using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Feedback.RelationshipSurvey;

public sealed record RelationshipSurveyChoice(bool OptedIn);

public sealed record ChooseRelationshipSurveyRequest(bool OptedIn);

public sealed record RelationshipSurveyParticipant(Guid UserId, string DisplayName, bool OptedIn);

/// <summary>Who takes part in the relationship survey: each customer user decides for themselves; the main contact sees who does.</summary>
internal sealed class RelationshipSurveyConsents(UhrwerkDbContext db, CurrentUser me, IAccounts accounts, TimeProvider clock)
{
    public async Task<RelationshipSurveyChoice> MineAsync(CancellationToken ct)
    {
        var (companyId, userId) = (me.RequiredCompanyId, me.RequiredUserId);
        return new(await db.RelationshipSurveyConsents.AsNoTracking().AnyAsync(c => c.UserId == userId && c.CompanyId == companyId && c.OptedIn, ct));
    }

    public async Task<RelationshipSurveyChoice> ChooseAsync(ChooseRelationshipSurveyRequest request, CancellationToken ct)
    {
        var companyId = me.RequiredCompanyId;
        var userId = me.RequiredUserId;
        var now = clock.GetUtcNow();
        var consent = await db.RelationshipSurveyConsents.SingleOrDefaultAsync(c => c.UserId == userId, ct);
        if (consent is null)
        {
            consent = RelationshipSurveyConsent.Of(companyId, userId, now);
            db.RelationshipSurveyConsents.Add(consent);
        }

        if (request.OptedIn)
        {
            consent.OptIn(now);
        }
        else
        {
            consent.OptOut(now);
        }

        await db.SaveChangesAsync(ct);
        return new(consent.OptedIn);
    }

    /// <summary>The company's active users and whether each takes part; for the main contact only, as it tells something of each person.</summary>
    public async Task<IReadOnlyList<RelationshipSurveyParticipant>> ParticipantsAsync(CancellationToken ct)
    {
        var companyId = me.RequiredCompanyId;
        if (!await IsMainContactAsync(ct))
        {
            throw new NotAllowedException("main_contact_only", T.Get("Feedback.MainContactOnly"));
        }

        var optedIn = (await db.RelationshipSurveyConsents.AsNoTracking().Where(c => c.CompanyId == companyId && c.OptedIn).Select(c => c.UserId).ToListAsync(ct)).ToHashSet();
        return (await accounts.ColleaguesAsync(companyId, ct)).Select(c => new RelationshipSurveyParticipant(c.UserId, c.DisplayName, optedIn.Contains(c.UserId))).ToList();
    }

    public async Task<bool> IsMainContactAsync(CancellationToken ct) =>
        me.UserId is { } userId && (await accounts.BuyerProfileAsync(userId, ct))?.MainContactId == userId;
}

internal static class RelationshipSurveyEndpoints
{
    public static void Map(RouteGroupBuilder feedback)
    {
        var mine = feedback.MapGroup("/me/relationship-survey").RequireAuthorization();
        mine.MapGet("/", Mine).WithSummary("Whether I take part in the periodic relationship survey (off unless I opted in)");
        mine.MapPut("/", Choose).WithSummary("Opt in to or out of the periodic relationship survey");
        feedback.MapGet("/company/relationship-survey", Participants).RequirePermission(Permission.ManageUsers)
            .WithSummary("The company's users and who of them takes part in the relationship survey (main contact only)");
    }

    private static async Task<Ok<RelationshipSurveyChoice>> Mine(RelationshipSurveyConsents consents, CancellationToken ct) =>
        TypedResults.Ok(await consents.MineAsync(ct));

    private static async Task<Ok<RelationshipSurveyChoice>> Choose(ChooseRelationshipSurveyRequest request, RelationshipSurveyConsents consents, CancellationToken ct) =>
        TypedResults.Ok(await consents.ChooseAsync(request, ct));

    private static async Task<Ok<IReadOnlyList<RelationshipSurveyParticipant>>> Participants(RelationshipSurveyConsents consents, CancellationToken ct) =>
        TypedResults.Ok(await consents.ParticipantsAsync(ct));
}
