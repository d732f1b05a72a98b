using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;

namespace Uhrwerk.Tests.Security;

/// <summary>Protected fields sent where they are not allowed are ignored or rejected.</summary>
public abstract class MassAssignmentSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    [Fact]
    public async Task Company_staff_role_activity_and_password_fields_in_a_new_user_are_ignored()
    {
        var mainContactOfA = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var companyB = await CompanyIdAsync(CompanyB);

        var response = await mainContactOfA.PostAsJsonAsync("/api/v1/company/users", new
        {
            displayName = "Mallory",
            email = "mallory@mueller-maschinenbau.example",
            companyId = companyB,
            staffRole = "Admin",
            isActive = false,
            emailConfirmed = true,
            passwordHash = "AQAAAA-forged",
            securityStamp = "forged",
            id = Guid.Empty,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var user = await InScopeAsync(db => db.Users.SingleAsync(u => u.Email == "mallory@mueller-maschinenbau.example"));
        Assert.Equal(await CompanyIdAsync(CompanyA), user.CompanyId);
        Assert.Null(user.StaffRole);
        Assert.True(user.IsActive);
        Assert.False(user.EmailConfirmed);
        Assert.Null(user.PasswordHash);
        Assert.NotEqual(Guid.Empty, user.Id);
    }

    [Fact]
    public async Task Roles_of_another_company_are_rejected()
    {
        var mainContactOfA = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var companyB = await CompanyIdAsync(CompanyB);
        var adminRoleOfB = await InScopeAsync(db => db.CompanyRoles.Where(r => r.CompanyId == companyB && r.Predefined == PredefinedRole.Administrator).Select(r => r.Id).SingleAsync());
        var buyerOfA = await UserIdAsync(UserOf(CompanyA, PredefinedRole.Buyer));

        var problem = await ProblemOf(await mainContactOfA.PutAsJsonAsync($"/api/v1/company/users/{buyerOfA}/roles", new { roleIds = new[] { adminRoleOfB } }), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("roleIds", out _));
        Assert.DoesNotContain(adminRoleOfB, await InScopeAsync(db => db.Users.Where(u => u.Id == buyerOfA).Select(u => u.RoleIds).SingleAsync()));
    }

    [Fact]
    public async Task A_rename_cannot_move_a_user_to_another_company_or_reactivate_them()
    {
        var mainContactOfA = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var approver = await UserIdAsync(UserOf(CompanyA, PredefinedRole.Approver));
        Assert.Equal(HttpStatusCode.OK, (await mainContactOfA.PostAsync($"/api/v1/company/users/{approver}/deactivate", null)).StatusCode);

        var response = await mainContactOfA.PutAsJsonAsync($"/api/v1/company/users/{approver}/name", new { displayName = "Umbenannt", companyId = await CompanyIdAsync(CompanyB), isActive = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var user = await InScopeAsync(db => db.Users.SingleAsync(u => u.Id == approver));
        Assert.Equal(("Umbenannt", false), (user.DisplayName, user.IsActive));
        Assert.Equal(await CompanyIdAsync(CompanyA), user.CompanyId);
    }
}

public sealed class MassAssignmentOnSqlite(SqliteFactory f) : MassAssignmentSpec(f), IClassFixture<SqliteFactory>;

public sealed class MassAssignmentOnPostgres(PostgresFactory f) : MassAssignmentSpec(f), IClassFixture<PostgresFactory>;
