using Microsoft.AspNetCore.Identity;
using Uhrwerk.Server.Modules.Accounts.Domain;

namespace Uhrwerk.Server.Modules.Accounts.Identity;

internal static class NewUsers
{
    /// <summary>
    /// Fills Identity's lookup columns so a new user can be added in the caller's unit of work
    /// instead of UserManager.CreateAsync, which would commit on its own.
    /// </summary>
    public static async Task PrepareAsync(UserManager<UserAccount> users, UserAccount user)
    {
        await users.UpdateNormalizedEmailAsync(user);
        await users.UpdateNormalizedUserNameAsync(user);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        user.LockoutEnabled = users.Options.Lockout.AllowedForNewUsers;
    }
}
