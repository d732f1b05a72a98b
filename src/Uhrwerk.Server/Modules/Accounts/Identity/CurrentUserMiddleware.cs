using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Accounts.Identity;

/// <summary>
/// Loads the caller from the database on every request that can use one, so that deactivating a
/// user, a changed security stamp, a suspended company or a signed-out session takes effect at
/// once on every instance for cookies and bearer tokens alike, and fixes the tenant scope for the
/// rest of the request. Nothing is cached, so there is nothing to invalidate; the price is one
/// round trip, which is why user, session, company and roles come in a single compiled query.
/// </summary>
internal sealed class CurrentUserMiddleware(RequestDelegate next)
{
    // Held by the middleware, which exists once per application, rather than statically: a compiled query is bound to
    // the one model it first ran with, and one process may host several applications (SQLite and PostgreSQL in the specs).
    private readonly Func<UhrwerkDbContext, Guid, string, CancellationToken, Task<Caller?>> _loadCaller = EF.CompileAsyncQuery(
        (UhrwerkDbContext db, Guid userId, string session, CancellationToken ct) => db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new Caller(
                u.Id,
                u.CompanyId,
                u.DisplayName,
                u.StaffRole,
                u.Language,
                u.IsActive,
                u.SecurityStamp,
                db.UserTokens.Any(t => t.UserId == u.Id && t.LoginProvider == SignInSession.EndedProvider && t.Name == session),
                db.Companies.Where(c => c.Id == u.CompanyId).Select(c => (CompanyStatus?)c.Status).FirstOrDefault(),
                u.RoleIds,
                // All of the company's roles (a handful), joined on the company: matching them to the user's role ids in SQL
                // would need a lateral join, which SQLite lacks, and the query would no longer be one.
                db.CompanyRoles.Where(r => r.CompanyId == u.CompanyId).Select(r => new RoleGrant(r.Id, r.Permissions)).ToList()))
            .SingleOrDefault());

    public async Task InvokeAsync(HttpContext http, UhrwerkDbContext db, CurrentUser current, IOptions<IdentityOptions> identity)
    {
        if (UsesCaller(http.GetEndpoint()) && http.User.Identity?.IsAuthenticated == true
            && Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            var session = SignInSession.IdOf(http.User) ?? "";
            var caller = session.Length > 0 ? await _loadCaller(db, userId, session, http.RequestAborted) : null;
            var stamp = http.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
            if (caller is not { SessionEnded: false, IsActive: true } || stamp != caller.SecurityStamp
                || (caller.StaffRole is null && caller.CompanyStatus != CompanyStatus.Active))
            {
                http.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            else
            {
                var permissions = caller.StaffRole is { } staffRole ? Permissions.Of(staffRole) : caller.CompanyRoles.Where(r => caller.RoleIds.Contains(r.Id)).SelectMany(r => r.Permissions).ToHashSet();
                current.SignedIn(caller.Id, caller.CompanyId, caller.DisplayName, caller.StaffRole is not null, caller.Language, permissions);
            }
        }

        await next(http);
    }

    /// <summary>
    /// Endpoints that ask for authorization and portal pages (whose layout shows who is signed in) use the caller;
    /// health checks, static files, unmatched paths and anonymous APIs do not, and must not pay for loading one.
    /// </summary>
    private static bool UsesCaller(Endpoint? endpoint) =>
        endpoint is not null
        && (endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null
            || endpoint.Metadata.GetMetadata<AuthorizationPolicy>() is not null
            || endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null);

    private sealed record Caller(
        Guid Id,
        Guid? CompanyId,
        string DisplayName,
        StaffRole? StaffRole,
        string Language,
        bool IsActive,
        string? SecurityStamp,
        bool SessionEnded,
        CompanyStatus? CompanyStatus,
        IReadOnlyList<Guid> RoleIds,
        List<RoleGrant> CompanyRoles);

    private sealed record RoleGrant(Guid Id, IReadOnlyList<Permission> Permissions);
}
