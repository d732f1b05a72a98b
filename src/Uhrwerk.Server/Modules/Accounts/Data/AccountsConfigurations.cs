using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Accounts.Identity;

namespace Uhrwerk.Server.Modules.Accounts.Data;

internal sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> e)
    {
        e.ToTable("accounts_users");
        e.Property(x => x.DisplayName).HasMaxLength(200);
        e.Property(x => x.Language).HasMaxLength(5);
        e.Property(x => x.PendingEmail).HasMaxLength(256);
        e.Property(x => x.RoleIds).HasField("_roleIds");
        e.HasIndex(x => x.CompanyId);
        e.ComplexProperty(x => x.Budget, b =>
        {
            b.Property(x => x.MaxQuantityPerOrder).HasColumnName("budget_max_quantity");
            b.Property(x => x.MaxOrderValue).HasColumnName("budget_max_value");
            b.Property(x => x.PeriodAmount).HasColumnName("budget_period_amount");
            b.Property(x => x.Period).HasColumnName("budget_period");
        });
    }
}

/// <summary>Identity's own tables for the users, under the module's prefix.</summary>
internal sealed class IdentityTablesConfiguration :
    IEntityTypeConfiguration<IdentityUserClaim<Guid>>, IEntityTypeConfiguration<IdentityUserLogin<Guid>>, IEntityTypeConfiguration<IdentityUserToken<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<Guid>> e) => e.ToTable("accounts_user_claims");

    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> e) => e.ToTable("accounts_user_logins");

    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> e) => e.ToTable("accounts_user_tokens");
}

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> e)
    {
        e.ToTable("accounts_companies");
        e.HasIndex(x => x.CustomerNumber).IsUnique();
        e.Property(x => x.CustomerNumber).HasMaxLength(40);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.VatId).HasMaxLength(40);
        e.OwnsMany(x => x.Addresses, a => a.ToJson("addresses"));
        e.Navigation(x => x.Addresses).HasField("_addresses");
    }
}

internal sealed class CompanyRoleConfiguration : IEntityTypeConfiguration<CompanyRole>
{
    public void Configure(EntityTypeBuilder<CompanyRole> e)
    {
        e.ToTable("accounts_roles");
        e.HasIndex(x => new { x.CompanyId, x.Name }).IsUnique();
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Permissions).HasField("_permissions");
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("accounts_audit_log");
        e.HasIndex(x => new { x.CompanyId, x.At });
        e.Property(x => x.Action).HasMaxLength(100);
        e.Property(x => x.Subject).HasMaxLength(300);
        e.Property(x => x.ActorName).HasMaxLength(200);
    }
}

internal sealed class ErpConfigurations :
    IEntityTypeConfiguration<ErpCustomer>, IEntityTypeConfiguration<ErpInvoice>,
    IEntityTypeConfiguration<ErpContact>, IEntityTypeConfiguration<ActivationAttempt>, IEntityTypeConfiguration<PendingActivation>
{
    public void Configure(EntityTypeBuilder<ErpCustomer> e)
    {
        e.ToTable("accounts_erp_customers");
        e.HasKey(x => x.CustomerNumber);
        e.Property(x => x.CustomerNumber).HasMaxLength(40);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.VatId).HasMaxLength(40);
        e.OwnsMany(x => x.Addresses, a => a.ToJson("addresses"));
        e.Navigation(x => x.Addresses).HasField("_addresses");
    }

    public void Configure(EntityTypeBuilder<ErpInvoice> e)
    {
        e.ToTable("accounts_erp_invoices");
        e.HasKey(x => x.InvoiceNumber);
        e.Property(x => x.InvoiceNumber).HasMaxLength(40);
        e.Property(x => x.CustomerNumber).HasMaxLength(40);
        e.HasIndex(x => x.CustomerNumber);
    }

    public void Configure(EntityTypeBuilder<ErpContact> e)
    {
        e.ToTable("accounts_erp_contacts");
        e.HasIndex(x => new { x.CustomerNumber, x.Email }).IsUnique();
        e.Property(x => x.CustomerNumber).HasMaxLength(40);
        e.Property(x => x.Email).HasMaxLength(256);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Phone).HasMaxLength(40);
    }

    public void Configure(EntityTypeBuilder<ActivationAttempt> e)
    {
        e.ToTable("accounts_activation_attempts");
        e.HasIndex(x => new { x.ClientIp, x.At });
        e.HasIndex(x => new { x.CustomerNumber, x.At });
        e.Property(x => x.ClientIp).HasMaxLength(64);
        e.Property(x => x.CustomerNumber).HasMaxLength(40);
    }

    public void Configure(EntityTypeBuilder<PendingActivation> e)
    {
        e.ToTable("accounts_pending_activations");
        e.HasIndex(x => new { x.Status, x.RequestedAt });
        e.Property(x => x.CustomerNumber).HasMaxLength(40);
        e.Property(x => x.InvoiceNumber).HasMaxLength(40);
        e.Property(x => x.Email).HasMaxLength(256);
        e.Property(x => x.DisplayName).HasMaxLength(200);
        e.Property(x => x.Language).HasMaxLength(8);
        e.Property(x => x.DecidedBy).HasMaxLength(200);
        e.Property(x => x.Reason).HasMaxLength(500);
    }
}
