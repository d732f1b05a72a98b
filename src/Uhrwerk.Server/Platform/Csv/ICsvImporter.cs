using Uhrwerk.Server.Platform.Auth;

namespace Uhrwerk.Server.Platform.Csv;

/// <summary>A named CSV import a module offers to the command line and the back-office upload page.</summary>
public interface ICsvImporter
{
    string Name { get; }
    IReadOnlyList<string> Columns { get; }
    Permission Permission { get; }
    Task<ImportResult> ImportAsync(Stream csv, IProgress<int>? progress, CancellationToken ct);
}
