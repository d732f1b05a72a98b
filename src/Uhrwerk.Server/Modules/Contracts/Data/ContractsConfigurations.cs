using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Uhrwerk.Server.Modules.Contracts.Domain;

namespace Uhrwerk.Server.Modules.Contracts.Data;

internal sealed class ContractsConfigurations :
    IEntityTypeConfiguration<CallOffContract>, IEntityTypeConfiguration<ContractLine>, IEntityTypeConfiguration<ScheduledRelease>, IEntityTypeConfiguration<ContractCallOff>,
    IEntityTypeConfiguration<ContractDelivery>
{
    public void Configure(EntityTypeBuilder<CallOffContract> e)
    {
        e.ToTable("contracts_contracts");
        e.HasIndex(x => x.Number).IsUnique();
        e.HasIndex(x => new { x.CompanyId, x.Status });
        e.Property(x => x.Number).HasMaxLength(40);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Lines).HasField("_lines");
        e.HasMany(x => x.Releases).WithOne().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Releases).HasField("_releases");
        e.HasMany(x => x.CallOffs).WithOne().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.CallOffs).HasField("_callOffs");
        e.HasMany(x => x.Deliveries).WithOne().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Deliveries).HasField("_deliveries");
    }

    public void Configure(EntityTypeBuilder<ContractLine> e)
    {
        e.ToTable("contracts_lines");
        // The domain creates the ids; rows added to a loaded contract must be inserted, not taken for existing ones.
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Sku).HasMaxLength(40);
        e.Property(x => x.TolerancePercent).HasPrecision(5, 2);
        e.Ignore(x => x.Ceiling);
        e.Ignore(x => x.Remaining);
    }

    public void Configure(EntityTypeBuilder<ScheduledRelease> e)
    {
        e.ToTable("contracts_releases");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasIndex(x => new { x.Status, x.DueOn });
        e.Property(x => x.OrderNumber).HasMaxLength(20);
    }

    public void Configure(EntityTypeBuilder<ContractCallOff> e)
    {
        e.ToTable("contracts_call_offs");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.OrderNumber).HasMaxLength(20);
        // A scheduled release becomes at most one call-off, whichever instance orders it.
        e.HasIndex(x => x.ReleaseId).IsUnique();
        e.HasIndex(x => x.OrderId);
    }

    public void Configure(EntityTypeBuilder<ContractDelivery> e)
    {
        e.ToTable("contracts_deliveries");
        // One row per shipment and line: a delivery reported twice, even by two instances at once, counts once.
        e.HasKey(x => new { x.ContractId, x.ShipmentId, x.LineId });
    }
}
