using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;

namespace Uhrwerk.Server.Platform.Data;

public partial class UhrwerkDbContext
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
