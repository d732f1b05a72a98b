namespace Uhrwerk.Server.Platform.Auth;

/// <summary>What a caller may do. Customer roles are named sets of the customer permissions;
/// staff roles map to fixed sets of the staff permissions.</summary>
public enum Permission
{
    ViewCatalog,
    ViewPrices,
    ViewDatasheets,
    PlaceOrders,
    ApproveOrders,
    ManageUsers,
    ManageRoles,
    ViewCompanyOrders,
    ViewReports,
    ViewAuditLog,
    ManageCallOffs,
    RequestReturns,
    AnswerSurveys,

    ManageCompanies = 100,
    ImportErpData,
    ManageCatalog,
    ManageApiKeys,
    ManageNotifications,
    ViewInventory,
    ManageInventory,
    ManageEvents,
    ManageShipments,
    ManageContracts,
    ManageFeedback,
    WorkFeedbackCases,
    HandleFeedbackCases,
}

/// <summary>Partner: a dealer's or service partner's user, who answers only the feedback cases routed to their partner.</summary>
public enum StaffRole { Admin, CustomerService, Warehouse, Logistics, Partner }

public static class Permissions
{
    public static readonly IReadOnlyList<Permission> Customer =
        Enum.GetValues<Permission>().Where(p => (int)p < 100).ToArray();

    /// <summary>
    /// The customer permissions a role may hold: only those some endpoint checks. The others are kept
    /// in the enum (stored roles carry their numbers) and are offered once their module checks them.
    /// </summary>
    public static readonly IReadOnlyList<Permission> Offered =
        Customer.Except([Permission.RequestReturns, Permission.AnswerSurveys]).ToArray();

    public static IReadOnlySet<Permission> Of(StaffRole role) => role switch
    {
        StaffRole.Admin => new HashSet<Permission>(Enum.GetValues<Permission>().Where(p => (int)p >= 100 && p != Permission.HandleFeedbackCases).Append(Permission.ViewCatalog).Append(Permission.ViewPrices).Append(Permission.ViewDatasheets)),
        StaffRole.CustomerService => new HashSet<Permission> { Permission.ManageCompanies, Permission.ManageContracts, Permission.ImportErpData, Permission.ManageNotifications, Permission.ManageFeedback, Permission.WorkFeedbackCases, Permission.ViewInventory, Permission.ViewCatalog, Permission.ViewPrices, Permission.ViewDatasheets },
        StaffRole.Warehouse => new HashSet<Permission> { Permission.ViewInventory, Permission.ManageInventory, Permission.ManageShipments, Permission.ViewCatalog, Permission.ViewDatasheets },
        StaffRole.Logistics => new HashSet<Permission> { Permission.WorkFeedbackCases, Permission.ViewInventory, Permission.ViewCatalog, Permission.ViewDatasheets },
        StaffRole.Partner => new HashSet<Permission> { Permission.HandleFeedbackCases },
        _ => new HashSet<Permission>(),
    };
}
