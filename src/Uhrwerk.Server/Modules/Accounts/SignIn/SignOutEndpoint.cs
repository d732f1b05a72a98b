using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Uhrwerk.Server.Modules.Accounts.SignIn;

internal static class SignOutEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            return Results.LocalRedirect("/");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
}
