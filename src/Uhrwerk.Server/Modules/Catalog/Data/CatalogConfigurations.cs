using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Uhrwerk.Server.Modules.Catalog.Domain;

namespace Uhrwerk.Server.Modules.Catalog.Data;

internal sealed class CatalogConfigurations :
    IEntityTypeConfiguration<Product>, IEntityTypeConfiguration<Datasheet>, IEntityTypeConfiguration<CustomerPrice>
{
    public void Configure(EntityTypeBuilder<Product> e)
    {
        e.ToTable("catalog_products");
        e.Property(x => x.Sku).HasMaxLength(40);
        e.HasIndex(x => x.Sku).IsUnique();
        e.Property(x => x.NameDe).HasMaxLength(200);
        e.Property(x => x.NameEn).HasMaxLength(200);
        e.Property(x => x.DescriptionDe).HasMaxLength(4000);
        e.Property(x => x.DescriptionEn).HasMaxLength(4000);
        e.Property(x => x.Unit).HasMaxLength(10);
        e.HasIndex(x => x.IsActive);
    }

    public void Configure(EntityTypeBuilder<Datasheet> e)
    {
        e.ToTable("catalog_datasheets");
        e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.FileName).HasMaxLength(200);
        e.Property(x => x.ContentType).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<CustomerPrice> e)
    {
        e.ToTable("catalog_customer_prices");
        e.HasIndex(x => new { x.CompanyId, x.ProductId }).IsUnique();
        e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}
