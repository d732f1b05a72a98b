using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Accounts.Identity;

/// <summary>
/// The users are Accounts' <see cref="UserAccount"/>s: Identity's user store, password rules and
/// account links are wired here; Platform's AuthSetup only knows the sign-in schemes and sessions.
/// </summary>
internal static class AccountsIdentity
{
    public static IServiceCollection AddAccountsIdentity(this IServiceCollection services)
    {
        services.AddIdentityCore<UserAccount>(o =>
            {
                // OWASP ASVS: length over composition rules, long passphrases welcome.
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                // The user name is the e-mail address, already validated as one; Identity's default ASCII-only list
                // refused addresses such as jürgen@… at the first password change although they were invited.
                o.User.AllowedUserNameCharacters = "";
            })
            .AddEntityFrameworkStores<UhrwerkDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<SessionClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddPasswordValidator<PassphrasePolicy>();
        // Set-password and confirm-e-mail links; operators may shorten them under "AccountLinks".
        services.AddOptions<DataProtectionTokenProviderOptions>()
            .Configure(o => o.TokenLifespan = TimeSpan.FromDays(3))
            .BindConfiguration("AccountLinks");
        return services;
    }
}

/// <summary>Gives each new sign-in its own session id.</summary>
internal sealed class SessionClaimsPrincipalFactory(UserManager<UserAccount> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<UserAccount>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(UserAccount user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(SignInSession.ClaimType, Guid.NewGuid().ToString("N")));
        return identity;
    }
}
