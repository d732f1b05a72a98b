using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Accounts.Identity;

/// <summary>
/// Loads the caller from the database on every request, so that deactivating a user, a
/// changed security stamp, a suspended company or a signed-out session takes effect at once
/// for cookies and bearer tokens alike, and fixes the tenant scope for the rest of the request.
/// </summary>
internal sealed class CurrentUserMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, UhrwerkDbContext db, CurrentUser current, IOptions<IdentityOptions> identity)
    {
        if (http.User.Identity?.IsAuthenticated == true && Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            var session = SignInSession.IdOf(http.User) ?? "";
            var found = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new
                {
                    User = u,
                    Ended = db.UserTokens.Any(t => t.UserId == u.Id && t.LoginProvider == SignInSession.EndedProvider && t.Name == session),
                })
                .SingleOrDefaultAsync(http.RequestAborted);
            var user = found is { Ended: false } && session.Length > 0 ? found.User : null;
            var stamp = http.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
            var company = user?.CompanyId is { } companyId
                ? await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == companyId, http.RequestAborted)
                : null;
            var usable = user is { IsActive: true } && stamp == user.SecurityStamp
                && (user.IsStaff || company is { Status: CompanyStatus.Active });
            if (!usable)
            {
                http.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            else
            {
                var permissions = user!.StaffRole is { } staffRole
                    ? Permissions.Of(staffRole)
                    : (await db.CompanyRoles.AsNoTracking().Where(r => user.RoleIds.Contains(r.Id)).Select(r => r.Permissions).ToListAsync(http.RequestAborted))
                        .SelectMany(p => p).ToHashSet();
                current.SignedIn(user.Id, user.CompanyId, user.DisplayName, user.IsStaff, user.Language, permissions);
            }
        }

        await next(http);
    }
}
