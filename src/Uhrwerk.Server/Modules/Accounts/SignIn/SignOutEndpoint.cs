using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Accounts.SignIn;

internal static class SignOutEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/signout", SignOut).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();

    private static async Task<RedirectHttpResult> SignOut(HttpContext http, UhrwerkDbContext db, TimeProvider clock)
    {
        await EndSessionAsync(http.User, db, clock.GetUtcNow(), http.RequestAborted);
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return TypedResults.LocalRedirect("/");
    }

    /// <summary>Clearing the cookie alone would leave a saved copy working, so the session is listed as ended until every copy has expired.</summary>
    private static async Task EndSessionAsync(ClaimsPrincipal principal, UhrwerkDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId) || SignInSession.IdOf(principal) is not { } session)
        {
            return;
        }

        var ended = await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == SignInSession.EndedProvider).ToListAsync(ct);
        db.UserTokens.RemoveRange(ended.Where(t => DateTimeOffset.TryParseExact(t.Value, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var until) && until < now));
        if (ended.All(t => t.Name != session))
        {
            db.UserTokens.Add(new IdentityUserToken<Guid>
            {
                UserId = userId,
                LoginProvider = SignInSession.EndedProvider,
                Name = session,
                Value = (now + SignInSession.Lifetime).ToString("O", CultureInfo.InvariantCulture),
            });
        }

        await db.SaveChangesAsync(ct);
    }
}
