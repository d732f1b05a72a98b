using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Platform.Data;

/// <summary>
/// The one unit of work. Each module adds its sets in a partial file and its mappings as
/// <see cref="IEntityTypeConfiguration{TEntity}"/> classes in its Data folder. Rows that belong
/// to a company are filtered to the caller's company by <see cref="ITenantScope"/>. The base class
/// (Identity's user store) is declared by the Accounts partial, which owns the users.
/// </summary>
public partial class UhrwerkDbContext : IDataProtectionKeyContext
{
    private ITenantScope? tenant;
    private TimeProvider clock = TimeProvider.System;

    protected UhrwerkDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>
    /// Binds the context to the request's caller and clock. Contexts are pooled, because creating one per request
    /// was a fifth of an authenticated GET's CPU: the pool hands out a reset context, and the request's scope binds it
    /// before anything uses it. An unbound context refuses to query company rows rather than show all companies.
    /// </summary>
    public UhrwerkDbContext BindTo(ITenantScope tenant, TimeProvider clock)
    {
        this.tenant = tenant;
        this.clock = clock;
        return this;
    }

    internal Guid? TenantCompanyId => (tenant ?? throw new InvalidOperationException("The context is not bound to a request's caller.")).CompanyId;

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<EventHandling> EventHandlings => Set<EventHandling>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Writes an event to the outbox; it is committed with the next SaveChanges. Events of one
    /// <paramref name="aggregateId"/> reach each handler in the order they were published.
    /// </summary>
    public void Publish(object @event, Guid? companyId, Guid? aggregateId = null) =>
        Outbox.Add(OutboxMessage.For(@event, companyId, aggregateId, clock.GetUtcNow()));

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<DataProtectionKey>().ToTable("platform_data_protection_keys");
        builder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("platform_outbox");
            e.HasIndex(x => new { x.ProcessedAt, x.OccurredAt });
            e.Property(x => x.Type).HasMaxLength(200);
        });
        builder.Entity<EventHandling>(e =>
        {
            e.ToTable("platform_outbox_handled");
            e.HasKey(x => new { x.MessageId, x.Handler });
            e.HasIndex(x => new { x.Handler, x.Status, x.NextAttemptAt });
            e.HasIndex(x => new { x.Handler, x.AggregateId, x.Status });
            // The hand-out takes a handler's oldest pending event: in this order it stops at the first one free to go,
            // where the index by due time made it sort the whole backlog on every hand-out (the bench's order run
            // spent most of PostgreSQL's CPU there once a few thousand events waited).
            e.HasIndex(x => new { x.Handler, x.Status, x.OccurredAt });
            e.Property(x => x.Handler).HasMaxLength(100);
            e.Property(x => x.EventType).HasMaxLength(200);
        });
        builder.Entity<ApiKey>(e =>
        {
            e.ToTable("platform_api_keys");
            e.HasIndex(x => x.Hash).IsUnique();
            e.Property(x => x.Hash).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Scopes).HasField("_scopes");
        });
        builder.ApplyConfigurationsFromAssembly(typeof(UhrwerkDbContext).Assembly);
        ApplyTenantFilters(builder);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAppendOnly();
        if (RollupOfPendingChanges() is not { } rollup)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await Database.ExecuteSqlRawAsync(rollup.Sql, rollup.Parameters, cancellationToken);
        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }

        return saved;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAppendOnly();
        if (RollupOfPendingChanges() is not { } rollup)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        Database.ExecuteSqlRaw(rollup.Sql, rollup.Parameters);
        own?.Commit();
        return saved;
    }

    /// <summary>
    /// A statement that counts what this save adds into a module's rollup table, computed from the tracked changes before they
    /// are saved and run in the same transaction after them (null when there is nothing to count). A module implements it in
    /// its partial of this context, so the count holds for every path that saves.
    /// </summary>
    private partial (string Sql, object[] Parameters)? RollupOfPendingChanges();

    private void GuardAppendOnly()
    {
        if (ChangeTracker.Entries<IAppendOnly>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit log, order history and stock ledger are append-only.");
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        conventions.Properties<decimal>().HavePrecision(18, 4);
        conventions.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        if (Database.IsSqlite())
        {
            // SQLite cannot order or compare DateTimeOffset; store UTC ticks so ordering works.
            conventions.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
        }
    }

    private void ApplyTenantFilters(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes().Where(t => t.BaseType is null))
        {
            var ownerProperty = typeof(ICompanyOwned).IsAssignableFrom(entity.ClrType) ? nameof(ICompanyOwned.CompanyId)
                : typeof(ITenantCompany).IsAssignableFrom(entity.ClrType) ? nameof(ITenantCompany.Id)
                : null;
            if (ownerProperty is null)
            {
                continue;
            }

            // e => TenantCompanyId == null || e.CompanyId (the company's own Id) == TenantCompanyId, bound to this context so EF parameterises it per query.
            var e = Expression.Parameter(entity.ClrType, "e");
            var scope = Expression.Property(Expression.Constant(this), nameof(TenantCompanyId));
            var owner = Expression.Convert(Expression.Property(e, ownerProperty), typeof(Guid?));
            var body = Expression.OrElse(
                Expression.Equal(scope, Expression.Constant(null, typeof(Guid?))),
                Expression.Equal(owner, scope));
            builder.Entity(entity.ClrType).HasQueryFilter(Expression.Lambda(body, e));
        }
    }
}
