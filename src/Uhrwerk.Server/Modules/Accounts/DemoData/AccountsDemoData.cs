using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Accounts.ErpDirectory;
using Uhrwerk.Server.Modules.Accounts.Identity;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Accounts.DemoData;

/// <summary>The demo sign-ins and companies the README lists; all share <see cref="DemoLogins.Password"/>.</summary>
public static class DemoLogins
{
    public const string Password = "Uhrwerk-Demo-2026";

    public sealed record DemoCompany(string CustomerNumber, string Name, string Domain, string City, string PostalCode, string Street);

    public static readonly DemoCompany[] Companies =
    [
        new("10001", "Müller Maschinenbau GmbH", "mueller-maschinenbau.example", "Stuttgart", "70173", "Königstraße 12"),
        new("10002", "Schneider Antriebstechnik AG", "schneider-antriebe.example", "München", "80331", "Marienplatz 3"),
        new("10003", "Becker Fahrzeugteile KG", "becker-fahrzeugteile.example", "Hamburg", "20095", "Mönckebergstraße 7"),
    ];

    /// <summary>Known to the ERP but not yet in the customer center: the README's self-activation example.</summary>
    public static readonly DemoCompany ToActivate = new("10004", "Hoffmann Präzisionsteile GmbH", "hoffmann-praezision.example", "Leipzig", "04109", "Markt 1");

    public const string ToActivateInvoice = "RE-2026-004711";

    public static readonly (PredefinedRole Role, string Mailbox, string Name)[] Users =
    [
        (PredefinedRole.Administrator, "admin", "Anna Administrator"),
        (PredefinedRole.Buyer, "einkauf", "Bernd Buyer"),
        (PredefinedRole.Approver, "freigabe", "Alexandra Approver"),
        (PredefinedRole.Technician, "technik", "Theo Technician"),
        (PredefinedRole.Controller, "controlling", "Carla Controller"),
    ];

    public static readonly (StaffRole Role, string Email, string Name)[] Staff =
    [
        (StaffRole.Admin, "admin@uhrwerk.example", "Ulla Uhrwerk (Admin)"),
        (StaffRole.CustomerService, "service@uhrwerk.example", "Sven Service"),
        (StaffRole.Warehouse, "lager@uhrwerk.example", "Lars Lager"),
        (StaffRole.Logistics, "logistik@uhrwerk.example", "Lena Logistik"),
    ];

    public static string Email(DemoCompany company, PredefinedRole role) =>
        $"{Users.Single(u => u.Role == role).Mailbox}@{company.Domain}";
}

internal sealed class AccountsDemoData(UhrwerkDbContext db, UserManager<UserAccount> users, ErpDirectoryImport directory, TimeProvider clock) : IDemoData
{
    public int Order => 10;

    // A database with users is in use, even if it holds nothing else yet.
    public Task<bool> FindsDataAsync(CancellationToken ct) => db.Users.AnyAsync(ct);

    public async Task SeedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var all = DemoLogins.Companies.Append(DemoLogins.ToActivate).ToList();
        await directory.UpsertCustomersAsync(all.Select(c => new ErpCustomerData(c.CustomerNumber, c.Name, $"DE{c.CustomerNumber}9876", true,
            [new Address(AddressKind.Billing, c.Street, c.PostalCode, c.City, "DE"), new Address(AddressKind.Shipping, "Werkstor 2, " + c.Street, c.PostalCode, c.City, "DE")])).ToList(), ct);
        await directory.UpsertInvoicesAsync(all.SelectMany((c, i) => new[]
        {
            new ErpInvoiceData(c == DemoLogins.ToActivate ? DemoLogins.ToActivateInvoice : $"RE-2026-{c.CustomerNumber}-1", c.CustomerNumber, new DateOnly(2026, 9, 15 + i), 1250.80m + i),
        }).ToList(), ct);
        await directory.UpsertContactsAsync(all.SelectMany(c => new[]
        {
            new ErpContactData(c.CustomerNumber, "Petra Produktion", $"produktion@{c.Domain}", "+49 711 123456"),
            new ErpContactData(c.CustomerNumber, "Klaus Konstruktion", $"konstruktion@{c.Domain}", null),
        }).ToList(), ct);

        // One hash for all demo users: hashing is deliberately slow, and they share the password.
        string? hash = null;
        foreach (var staff in DemoLogins.Staff)
        {
            var user = UserAccount.NewStaff(staff.Name, staff.Email, staff.Role, now);
            hash ??= users.PasswordHasher.HashPassword(user, DemoLogins.Password);
            await AddAsync(user, hash);
        }

        foreach (var demo in DemoLogins.Companies)
        {
            var customer = await db.ErpCustomers.FindAsync([demo.CustomerNumber], ct);
            var company = Company.ActivateFrom(customer!, now);
            var roles = CompanyRole.PredefinedFor(company.Id, now);
            db.Companies.Add(company);
            db.CompanyRoles.AddRange(roles);
            foreach (var (role, mailbox, name) in DemoLogins.Users)
            {
                var user = UserAccount.NewCustomerUser(company.Id, name, $"{mailbox}@{demo.Domain}", "de", roles.Where(r => r.Predefined == role), ActingUser.System, now);
                if (role == PredefinedRole.Buyer)
                {
                    user.SetBudget(OrderBudget.Create(100, 2500m, 10000m, BudgetPeriod.Month), ActingUser.System);
                    user.ChangeMobile("+49 170 1234567");
                }

                await AddAsync(user, hash!);
                if (role == PredefinedRole.Administrator)
                {
                    company.AppointMainContact(user.Id, user.CompanyId);
                }
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task AddAsync(UserAccount user, string passwordHash)
    {
        await NewUsers.PrepareAsync(users, user);
        user.PasswordHash = passwordHash;
        user.PasswordWasSet();
        db.Users.Add(user);
    }
}
