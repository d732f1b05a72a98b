using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Accounts.Identity;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Accounts.SignIn;

public sealed record TokenRequest([property: Required] string Email, [property: Required] string Password);

/// <summary>The API's bearer token; there is no refresh token, a client signs in again when the hour is over.</summary>
public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn);

public sealed record MobileRequest([property: StringLength(40)] string? Mobile);

public sealed record MobileResponse(string? Mobile);

public sealed record MeResponse(Guid UserId, Guid? CompanyId, string DisplayName, bool IsStaff, string Language, IReadOnlyList<Permission> Permissions);

internal static class SignInEndpoints
{
    public static void Map(RouteGroupBuilder accounts)
    {
        accounts.MapPost("/auth/token", Token).AllowAnonymous().ProducesProblem(StatusCodes.Status401Unauthorized).WithSummary("Get a bearer token for the API with e-mail and password");
        accounts.MapPut("/me/mobile", ChangeMobile).RequireAuthorization().WithSummary("Set or remove my mobile number for SMS and WhatsApp (stored as E.164)");
        accounts.MapGet("/me", Me).RequireAuthorization().WithSummary("Who am I: company, language and permissions");
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Token(TokenRequest request, SignInManager<UserAccount> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time)
    {
        var result = await PasswordSignIn.CheckAsync(signIn, request.Email, request.Password);
        if (result.User is not { } user)
        {
            return TypedResults.Problem(statusCode: 401, title: T.Get("SignIn.Failed"), detail: T.Get(result.Locked ? "SignIn.Locked" : "SignIn.Failed"));
        }

        // Written here rather than by Results.SignIn, whose answer carries a refresh token that no endpoint redeems:
        // a token that ends on sign-out must not have a second one beside it that lives on.
        var options = bearer.Get(IdentityConstants.BearerScheme);
        var ticket = new AuthenticationTicket(
            await signIn.CreateUserPrincipalAsync(user),
            new AuthenticationProperties { ExpiresUtc = time.GetUtcNow() + options.BearerTokenExpiration },
            IdentityConstants.BearerScheme);
        return TypedResults.Ok(new TokenResponse("Bearer", options.BearerTokenProtector.Protect(ticket), (long)options.BearerTokenExpiration.TotalSeconds));
    }

    private static async Task<Ok<MobileResponse>> ChangeMobile(MobileRequest request, CurrentUser me, IAccounts accounts, CancellationToken ct) =>
        TypedResults.Ok(new MobileResponse(await accounts.ChangeMobileAsync(me.RequiredUserId, request.Mobile, ct)));

    private static Ok<MeResponse> Me(CurrentUser me) =>
        TypedResults.Ok(new MeResponse(me.RequiredUserId, me.CompanyId, me.DisplayName, me.IsStaff, me.Language, me.Permissions.Order().ToList()));
}

/// <summary>One password check for the portal's cookie sign-in and the API's token, with lock-out.</summary>
internal static class PasswordSignIn
{
    private static readonly UserAccount Nobody = UserAccount.NewStaff("Nobody", "nobody@uhrwerk.invalid", StaffRole.CustomerService, DateTimeOffset.UnixEpoch);

    // A hash made by the same hasher, so that an unknown address costs the same work as a known one and the answer time does not tell which accounts exist.
    private static string? _nobodysHash;

    public static async Task<(UserAccount? User, bool Locked)> CheckAsync(SignInManager<UserAccount> signIn, string email, string password)
    {
        var user = await signIn.UserManager.FindByEmailAsync(email.Trim());
        if (user is not { IsActive: true })
        {
            var hasher = signIn.UserManager.PasswordHasher;
            _nobodysHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(Nobody, _nobodysHash, password);
            return (null, false);
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        return result.Succeeded ? (user, false) : (null, result.IsLockedOut);
    }
}
