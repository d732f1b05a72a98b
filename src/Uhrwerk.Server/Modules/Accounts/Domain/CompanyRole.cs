using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Accounts.Domain;

public enum PredefinedRole { Administrator, Buyer, Approver, Technician, Controller }

/// <summary>A named set of permissions, defined per company. The predefined ones are fixed.</summary>
public sealed class CompanyRole : ICompanyOwned
{
    private List<Permission> _permissions = [];

    private CompanyRole() { }

    public Guid Id { get; private set; }
    public Guid? CompanyId { get; private set; }
    public string Name { get; private set; } = "";
    public PredefinedRole? Predefined { get; private set; }
    public IReadOnlyList<Permission> Permissions => _permissions;

    public static IReadOnlyList<CompanyRole> PredefinedFor(Guid companyId, DateTimeOffset now) =>
        Enum.GetValues<PredefinedRole>().Select(r => new CompanyRole
        {
            Id = Guid.CreateVersion7(now),
            CompanyId = companyId,
            Name = r.ToString(),
            Predefined = r,
            _permissions = PermissionsOf(r).ToList(),
        }).ToList();

    public static CompanyRole Custom(Guid companyId, string name, IEnumerable<Permission> permissions, ActingUser by, DateTimeOffset now)
    {
        var role = new CompanyRole { Id = Guid.CreateVersion7(now), CompanyId = companyId };
        role.Redefine(name, permissions, by);
        return role;
    }

    /// <summary>A role's holders get every permission added to it, so only permissions the acting user holds may be added.</summary>
    public void Redefine(string name, IEnumerable<Permission> permissions, ActingUser by)
    {
        if (Predefined is not null)
        {
            throw new DomainException("predefined_role", T.Get("Roles.PredefinedUnchangeable"));
        }

        name = name.Trim();
        if (name.Length is 0 or > 100)
        {
            throw ValidationFailedException.For("name", T.Get("Roles.NameRequired"));
        }

        PlainText.Name("name", name);

        var list = permissions.Distinct().ToList();
        if (list.Any(p => !Uhrwerk.Server.Platform.Auth.Permissions.Customer.Contains(p)))
        {
            throw ValidationFailedException.For("permissions", T.Get("Roles.CustomerPermissionsOnly"));
        }

        if (list.Where(p => !Uhrwerk.Server.Platform.Auth.Permissions.Offered.Contains(p)).ToList() is { Count: > 0 } unoffered)
        {
            throw ValidationFailedException.For("permissions", T.Format("Roles.PermissionNotOffered", string.Join(", ", unoffered.Select(p => T.Get("Permission." + p)))));
        }

        by.MayGrant(list.Except(_permissions));
        Name = name;
        _permissions = list;
    }

    public static IEnumerable<Permission> PermissionsOf(PredefinedRole role) => role switch
    {
        PredefinedRole.Administrator => Uhrwerk.Server.Platform.Auth.Permissions.Offered,
        PredefinedRole.Buyer => [Permission.ViewCatalog, Permission.ViewPrices, Permission.ViewDatasheets, Permission.PlaceOrders, Permission.ManageCallOffs],
        PredefinedRole.Approver => [Permission.ViewCatalog, Permission.ViewPrices, Permission.ViewDatasheets, Permission.ApproveOrders, Permission.ViewCompanyOrders],
        PredefinedRole.Technician => [Permission.ViewCatalog, Permission.ViewDatasheets],
        PredefinedRole.Controller => [Permission.ViewCatalog, Permission.ViewPrices, Permission.ViewCompanyOrders, Permission.ViewReports],
        _ => [],
    };
}
