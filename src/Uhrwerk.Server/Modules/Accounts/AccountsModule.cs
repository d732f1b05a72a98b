using Uhrwerk.Server.Modules.Accounts.ActivateCompany;
using Uhrwerk.Server.Modules.Accounts.AuditLog;
using Uhrwerk.Server.Modules.Accounts.Backoffice;
using Uhrwerk.Server.Modules.Accounts.DemoData;
using Uhrwerk.Server.Modules.Accounts.ErpDirectory;
using Uhrwerk.Server.Modules.Accounts.Identity;
using Uhrwerk.Server.Modules.Accounts.ManageRoles;
using Uhrwerk.Server.Modules.Accounts.ManageUsers;
using Uhrwerk.Server.Modules.Accounts.MyCompany;
using Uhrwerk.Server.Modules.Accounts.SetPassword;
using Uhrwerk.Server.Modules.Accounts.SignIn;
using Uhrwerk.Server.Platform.Csv;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Accounts;

internal static class AccountsModule
{
    /// <summary>The password of every demo sign-in the README lists.</summary>
    public const string DemoPassword = DemoLogins.Password;

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddAccountsIdentity();
        services.AddOptions<ActivationOptions>().BindConfiguration("Activation");
        services.AddScoped<IAccounts, AccountsQueries>();
        services.AddScoped<CustomerCenterLog>();
        services.AddScoped<AccountLinks>();
        services.AddScoped<ActivateCompanyHandler>();
        services.AddScoped<CompanyActivation>();
        services.AddScoped<ActivationQueue>();
        services.AddScoped<AccountLinkHandler>();
        services.AddScoped<CompanyUsers>();
        services.AddScoped<CompanyRoles>();
        services.AddScoped<MyCompanyQueries>();
        services.AddScoped<ErpDirectoryImport>();
        foreach (var kind in Enum.GetValues<ErpImportKind>())
        {
            services.AddScoped<ICsvImporter>(sp => new ErpCsvImporter(kind, sp.GetRequiredService<ErpDirectoryImport>()));
        }

        services.AddScoped<IDemoData, AccountsDemoData>();
        return services;
    }

    public static RouteGroupBuilder MapAccounts(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("").WithTags("Accounts");
        ActivateCompanyEndpoint.Map(accounts);
        ActivationQueueEndpoints.Map(accounts);
        SetPasswordEndpoints.Map(accounts);
        SignInEndpoints.Map(accounts);
        MyCompanyEndpoints.Map(accounts);
        UserEndpoints.Map(accounts);
        RoleEndpoints.Map(accounts);
        AuditLogEndpoints.Map(accounts);
        ErpDirectoryEndpoints.Map(accounts);
        BackofficeEndpoints.Map(accounts);
        return api;
    }

    /// <summary>Resolves the signed-in caller to their account; between authentication and authorization.</summary>
    public static IApplicationBuilder UseAccounts(this IApplicationBuilder app) => app.UseMiddleware<CurrentUserMiddleware>();

    public static WebApplication MapAccountsPortal(this WebApplication app)
    {
        SignOutEndpoint.Map(app);
        return app;
    }
}
