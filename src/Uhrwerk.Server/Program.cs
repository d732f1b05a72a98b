using Scalar.AspNetCore;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Catalog;
using Uhrwerk.Server.Modules.Fulfillment;
using Uhrwerk.Server.Modules.Contracts;
using Uhrwerk.Server.Modules.Inventory;
using Uhrwerk.Server.Modules.Notifications;
using Uhrwerk.Server.Modules.Ordering;
using Uhrwerk.Server.Modules.Feedback;
using Uhrwerk.Server.Modules.Tracking;
using Uhrwerk.Server.Platform.Api;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.CommandLine;
using Uhrwerk.Server.Platform.Csv;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Outbox;
using Uhrwerk.Server.Platform.Outbox.Backoffice;
using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform.Telemetry;
using Uhrwerk.Server.Portal;
using Uhrwerk.Server.Simulation;

var builder = WebApplication.CreateBuilder(args);
var simulation = args is ["simulate", ..] ? SimulateCommand.Prepare(builder.Configuration, args[1..]) : default((SimulationOptions Options, SimulationClock Clock)?);
// Serve the portal's assets from the build output in every environment, not only in Development; a no-op once published.
builder.WebHost.UseStaticWebAssets();
builder.Services.AddSingleton(simulation?.Clock ?? TimeProvider.System);
builder.Services.AddUhrwerkData(builder.Configuration);
builder.Services.AddUhrwerkOutbox();
builder.Services.AddUhrwerkProblems();
builder.Services.AddUhrwerkAuth();
builder.Services.AddUhrwerkLocalization();
builder.Services.AddUhrwerkApi();
builder.Services.AddHealthChecks();
builder.Services.AddUhrwerkTelemetry(builder.Configuration);
builder.Services.AddAccounts();
builder.Services.AddCatalog();
builder.Services.AddNotifications();
builder.Services.AddOrdering();
builder.Services.AddInventory();
builder.Services.AddFulfillment();
builder.Services.AddTracking();
builder.Services.AddContracts();
builder.Services.AddFeedback();
builder.Services.AddPortal();

var app = builder.Build();

if (args is ["import", ..])
{
    return await ImportCommand.RunAsync(app.Services, app.Environment, app.Logger, args[1..]);
}

if (simulation is { } run)
{
    return await SimulateCommand.RunAsync(app.Services, app.Environment, app.Logger, run.Options, run.Clock);
}

await DatabaseStartup.MigrateAndSeedAsync(app.Services, app.Environment, app.Logger);

// Before the counting, so a scrape's own gauge queries are not booked as a request's round trips.
app.UseUhrwerkTelemetry();
app.UseRoundTripCounting(app.Configuration.GetValue<bool>("Diagnostics:RoundTripHeader"));
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UsePortalStatusPages();
app.UseUhrwerkLocalization();
app.UseAuthentication();
app.UseAccounts();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapOpenApi();
// The reference loads nothing from third parties (its default fonts come from a CDN), so it works offline and under our policy.
app.MapScalarApiReference(o => o.DisableDefaultFonts());
app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });
var api = app.MapGroup("/api/v1").AddEndpointFilter(NoNulCharacters.InQuery);
api.MapAccounts();
api.MapCatalog();
api.MapNotifications();
api.MapOrdering();
api.MapInventory();
api.MapFulfillment();
api.MapTracking();
api.MapContracts();
api.MapFeedback();
api.MapImports();
api.MapEventsBackoffice();
app.MapAccountsPortal();
app.MapTrackingPublic();
app.MapPortal();

app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("Uhrwerk is running at {Urls}. Demo sign-ins are listed in README.md (password {DemoPassword}).",
        string.Join(", ", app.Urls), AccountsModule.DemoPassword));

await app.RunAsync();
return 0;

public partial class Program;
