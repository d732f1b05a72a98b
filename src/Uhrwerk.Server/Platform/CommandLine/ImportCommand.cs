using Spectre.Console;
using Uhrwerk.Server.Platform.Csv;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Platform.CommandLine;

/// <summary><c>dotnet run --project src/Uhrwerk.Server -- import NAME FILE.csv</c>, with a progress bar.</summary>
internal static class ImportCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, IHostEnvironment env, ILogger log, string[] args)
    {
        await using var scope = services.CreateAsyncScope();
        var importers = scope.ServiceProvider.GetServices<ICsvImporter>().ToList();
        if (args.Length != 2 || importers.SingleOrDefault(i => i.Name == args[0]) is not { } importer)
        {
            AnsiConsole.MarkupLine("Usage: [bold]import NAME FILE.csv[/] where NAME is one of: " + string.Join(", ", importers.Select(i => i.Name)));
            return 2;
        }

        if (!File.Exists(args[1]))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]File not found:[/] {args[1]}");
            return 2;
        }

        await DatabaseStartup.MigrateAndSeedAsync(services, env, log);
        var lines = File.ReadLines(args[1]).Count();
        ImportResult? result = null;
        await AnsiConsole.Progress().StartAsync(async ctx =>
        {
            var task = ctx.AddTask($"Importing {importer.Name}", maxValue: Math.Max(1, lines));
            await using var stream = File.OpenRead(args[1]);
            result = await importer.ImportAsync(stream, new Progress<int>(line => task.Value = line), CancellationToken.None);
            task.Value = task.MaxValue;
        });

        if (result!.Succeeded)
        {
            AnsiConsole.MarkupLineInterpolated($"[green]Imported {result.Rows} rows[/]: {result.Created} new, {result.Updated} updated.");
            return 0;
        }

        AnsiConsole.MarkupLineInterpolated($"[red]Nothing was imported; the file has {result.Errors.Count} error(s):[/]");
        foreach (var error in result.Errors.Take(50))
        {
            AnsiConsole.MarkupLineInterpolated($"  line {error.Line}, {error.Field}: {error.Message}");
        }

        return 1;
    }
}
