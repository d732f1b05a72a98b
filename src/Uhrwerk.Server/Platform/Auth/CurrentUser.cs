namespace Uhrwerk.Server.Platform.Auth;

/// <summary>The company whose rows the database context may show; null means all (staff, system jobs).</summary>
public interface ITenantScope
{
    Guid? CompanyId { get; }
}

public sealed class TenantScope(Guid? companyId) : ITenantScope
{
    public static readonly TenantScope System = new(null);
    public Guid? CompanyId { get; } = companyId;
}

/// <summary>The signed-in caller of this request, loaded fresh from the database on every request.</summary>
public sealed class CurrentUser : ITenantScope
{
    public Guid? UserId { get; private set; }
    public Guid? CompanyId { get; private set; }
    public string DisplayName { get; private set; } = "";
    public bool IsStaff { get; private set; }
    public string Language { get; private set; } = "de";
    public IReadOnlySet<Permission> Permissions { get; private set; } = new HashSet<Permission>();

    public bool IsAuthenticated => UserId is not null;

    public Guid RequiredUserId => UserId ?? throw new InvalidOperationException("No signed-in user.");

    public Guid RequiredCompanyId => CompanyId ?? throw new Problems.NotAllowedException("company_required", Localization.T.Get("Forbidden.CompanyRequired"));

    public bool Has(Permission permission) => Permissions.Contains(permission);

    internal void SignedIn(Guid userId, Guid? companyId, string displayName, bool isStaff, string language, IReadOnlySet<Permission> permissions)
    {
        UserId = userId;
        CompanyId = companyId;
        DisplayName = displayName;
        IsStaff = isStaff;
        Language = language;
        Permissions = permissions;
    }
}
