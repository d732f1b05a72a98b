using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Accounts.Identity;

namespace Uhrwerk.Server.Platform.Data;

// The users are Identity users, so the one context is Identity's user store.
public partial class UhrwerkDbContext : IdentityUserContext<UserAccount, Guid>
{
    public DbSet<Company> Companies => Set<Company>();
    public DbSet<CompanyRole> CompanyRoles => Set<CompanyRole>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<ErpCustomer> ErpCustomers => Set<ErpCustomer>();
    public DbSet<ErpInvoice> ErpInvoices => Set<ErpInvoice>();
    public DbSet<ErpContact> ErpContacts => Set<ErpContact>();
    public DbSet<ActivationAttempt> ActivationAttempts => Set<ActivationAttempt>();
    public DbSet<PendingActivation> PendingActivations => Set<PendingActivation>();
}
