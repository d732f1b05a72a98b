using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Idempotency;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Accounts.ManageRoles;

public sealed record RoleRequest([property: Required, StringLength(100)] string Name, [property: Required] IReadOnlyList<Permission> Permissions);

public sealed record RoleResponse(Guid Id, string Name, PredefinedRole? Predefined, IReadOnlyList<Permission> Permissions, int UserCount);

/// <summary>The main contact defines custom roles next to the predefined ones.</summary>
internal sealed class CompanyRoles(UhrwerkDbContext db, CurrentUser current, CustomerCenterLog log, TimeProvider clock)
{
    public async Task<IReadOnlyList<RoleResponse>> ListAsync(CancellationToken ct)
    {
        var companyId = current.RequiredCompanyId;
        var roles = await db.CompanyRoles.AsNoTracking().Where(r => r.CompanyId == companyId).OrderBy(r => r.Predefined == null).ThenBy(r => r.Name).ToListAsync(ct);
        var assignments = await db.Users.AsNoTracking().Where(u => u.CompanyId == companyId).Select(u => u.RoleIds).ToListAsync(ct);
        return roles.Select(r => new RoleResponse(r.Id, r.Name, r.Predefined, r.Permissions, assignments.Count(a => a.Contains(r.Id)))).ToList();
    }

    public async Task<RoleResponse> DefineAsync(RoleRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        var companyId = current.RequiredCompanyId;
        await EnsureNameFreeAsync(companyId, request.Name, null, ct);
        var role = CompanyRole.Custom(companyId, request.Name, request.Permissions, Acting, clock.GetUtcNow());
        db.CompanyRoles.Add(role);
        log.Record(companyId, "role.created", role.Name, null, new { role.Name, role.Permissions }, null);
        await db.SaveChangesAsync(ct);
        return new RoleResponse(role.Id, role.Name, null, role.Permissions, 0);
    }

    public async Task<RoleResponse?> RedefineAsync(Guid roleId, RoleRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        var companyId = current.RequiredCompanyId;
        var role = await db.CompanyRoles.SingleOrDefaultAsync(r => r.Id == roleId && r.CompanyId == companyId, ct);
        if (role is null)
        {
            return null;
        }

        await EnsureNameFreeAsync(companyId, request.Name, roleId, ct);
        var before = new { role.Name, Permissions = role.Permissions.ToList() };
        role.Redefine(request.Name, request.Permissions, Acting);
        log.Record(companyId, "role.changed", role.Name, before, new { role.Name, role.Permissions }, null);
        await db.SaveChangesAsync(ct);
        return (await ListAsync(ct)).Single(r => r.Id == roleId);
    }

    public async Task<bool> DeleteAsync(Guid roleId, CancellationToken ct)
    {
        var companyId = current.RequiredCompanyId;
        var role = await db.CompanyRoles.SingleOrDefaultAsync(r => r.Id == roleId && r.CompanyId == companyId, ct);
        if (role is null)
        {
            return false;
        }

        if (role.Predefined is not null)
        {
            throw new DomainException("predefined_role", T.Get("Roles.PredefinedFixed"));
        }

        if (await db.Users.AnyAsync(u => u.CompanyId == companyId && u.RoleIds.Contains(roleId), ct))
        {
            throw new DomainException("role_in_use", T.Get("Roles.InUse"));
        }

        db.CompanyRoles.Remove(role);
        log.Record(companyId, "role.deleted", role.Name, new { role.Name, role.Permissions }, null, null);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Roles are not about the main contact's own account, so only the caller's permissions matter here.</summary>
    private ActingUser Acting => new(current.RequiredUserId, current.Permissions, null);

    private async Task EnsureNameFreeAsync(Guid companyId, string name, Guid? except, CancellationToken ct)
    {
        // Checked before the lookup too: PostgreSQL refuses a U+0000 even as a query parameter.
        var trimmed = PlainText.Name("name", name.Trim())!;
        if (await db.CompanyRoles.AnyAsync(r => r.CompanyId == companyId && r.Name == trimmed && r.Id != except, ct))
        {
            throw ValidationFailedException.For("name", T.Get("Roles.NameTaken"));
        }
    }
}

internal static class RoleEndpoints
{
    public static void Map(RouteGroupBuilder accounts)
    {
        var roles = accounts.MapGroup("/company/roles");
        roles.MapGet("/", List).RequirePermission(Permission.ManageUsers).WithSummary("Roles of my company with their permissions");
        roles.MapPost("/", Define).RequirePermission(Permission.ManageRoles).WithIdempotency().WithSummary("Define a custom role");
        roles.MapPut("/{roleId:guid}", Redefine).RequirePermission(Permission.ManageRoles).ProducesProblem(StatusCodes.Status404NotFound);
        roles.MapDelete("/{roleId:guid}", Delete).RequirePermission(Permission.ManageRoles).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<IReadOnlyList<RoleResponse>>> List(CompanyRoles handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.ListAsync(ct));

    private static async Task<Created<RoleResponse>> Define(RoleRequest request, CompanyRoles handler, CancellationToken ct)
    {
        var role = await handler.DefineAsync(request, ct);
        return TypedResults.Created($"/api/v1/company/roles/{role.Id}", role);
    }

    private static async Task<Results<Ok<RoleResponse>, ProblemHttpResult>> Redefine(Guid roleId, RoleRequest request, CompanyRoles handler, CancellationToken ct) =>
        await handler.RedefineAsync(roleId, request, ct) is { } role ? TypedResults.Ok(role) : Problem.NotFound("NotFound.Role");

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid roleId, CompanyRoles handler, CancellationToken ct) =>
        await handler.DeleteAsync(roleId, ct) ? TypedResults.NoContent() : Problem.NotFound("NotFound.Role");
}
