using System.Security.Claims;

namespace Uhrwerk.Server.Platform.Auth;

/// <summary>
/// Every sign-in (portal cookie or API token) is a session of its own with an id in its claims,
/// so that signing out ends that session on the server: a saved copy of the cookie or token is
/// refused, while the user's other sessions keep working.
/// </summary>
internal static class SignInSession
{
    public const string ClaimType = "uhrwerk:session";

    /// <summary>Marks the rows of accounts_user_tokens that list ended sessions (Name = session id, Value = until when a copy could still be valid).</summary>
    public const string EndedProvider = "Uhrwerk.EndedSession";

    /// <summary>How long a session lives without use; a saved copy is refused at the latest after this.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public static string? IdOf(ClaimsPrincipal principal) => principal.FindFirstValue(ClaimType);
}
