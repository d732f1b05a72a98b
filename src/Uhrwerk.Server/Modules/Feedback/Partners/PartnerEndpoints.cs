using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Feedback.Partners;

public sealed record CreatePartnerRequest([property: Required, MaxLength(100)] string Name);

public sealed record PartnerUserRequest([property: Required, MaxLength(200)] string DisplayName, [property: Required, EmailAddress, MaxLength(256)] string Email, string? Language);

public sealed record PartnerResponse(Guid Id, string Name, bool IsActive, IReadOnlyList<Guid> UserIds);

/// <summary>Staff keep the partners and invite their users: staff accounts with the Partner role, each working for one partner.</summary>
internal sealed class PartnerDirectory(UhrwerkDbContext db, IAccounts accounts, TimeProvider clock)
{
    private const int Max = 500;

    public async Task<IReadOnlyList<PartnerResponse>> ListAsync(CancellationToken ct)
    {
        var partners = await db.Partners.AsNoTracking().OrderBy(p => p.Name).Take(Max).ToListAsync(ct);
        var ids = partners.Select(p => p.Id).ToList();
        var members = await db.PartnerMembers.AsNoTracking().Where(m => ids.Contains(m.PartnerId)).ToListAsync(ct);
        return partners.Select(p => new PartnerResponse(p.Id, p.Name, p.IsActive, members.Where(m => m.PartnerId == p.Id).Select(m => m.UserId).ToList())).ToList();
    }

    public async Task<PartnerResponse> CreateAsync(CreatePartnerRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        var partner = Partner.Create(request.Name, clock.GetUtcNow());
        if (await db.Partners.AnyAsync(p => p.Name == partner.Name, ct))
        {
            throw ValidationFailedException.For("name", T.Get("Feedback.Partner.NameInUse"));
        }

        db.Partners.Add(partner);
        await db.SaveChangesAsync(ct);
        return new PartnerResponse(partner.Id, partner.Name, partner.IsActive, []);
    }

    /// <summary>A new portal user for the partner, invited by e-mail to set a password; null for an unknown partner.</summary>
    public async Task<PartnerResponse?> InviteUserAsync(Guid partnerId, PartnerUserRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        if (await db.Partners.SingleOrDefaultAsync(p => p.Id == partnerId && p.IsActive, ct) is not { } partner)
        {
            return null;
        }

        var userId = await accounts.InviteStaffAsync(request.DisplayName, request.Email, request.Language ?? "de", StaffRole.Partner, ct);
        db.PartnerMembers.Add(PartnerMember.Of(partner.Id, userId));
        await db.SaveChangesAsync(ct);
        return (await ListAsync(ct)).Single(p => p.Id == partner.Id);
    }
}

internal static class PartnerEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var partners = api.MapGroup("/backoffice/feedback/partners").RequirePermission(Permission.ManageFeedback);
        partners.MapGet("/", List).WithSummary("Partner organisations that answer the cases routed to them");
        partners.MapPost("/", Create).WithSummary("Add a partner organisation");
        partners.MapPost("/{partnerId:guid}/users", InviteUser).WithSummary("Invite a portal user for a partner: they see only the partner's cases");
    }

    private static async Task<Ok<IReadOnlyList<PartnerResponse>>> List(PartnerDirectory partners, CancellationToken ct) => TypedResults.Ok(await partners.ListAsync(ct));

    private static async Task<Created<PartnerResponse>> Create(CreatePartnerRequest request, PartnerDirectory partners, CancellationToken ct)
    {
        var created = await partners.CreateAsync(request, ct);
        return TypedResults.Created($"/api/v1/backoffice/feedback/partners/{created.Id}", created);
    }

    private static async Task<Results<Ok<PartnerResponse>, ProblemHttpResult>> InviteUser(Guid partnerId, PartnerUserRequest request, PartnerDirectory partners,
        CancellationToken ct) =>
        await partners.InviteUserAsync(partnerId, request, ct) is { } partner ? TypedResults.Ok(partner) : Problem.NotFound("NotFound.Partner");
}
