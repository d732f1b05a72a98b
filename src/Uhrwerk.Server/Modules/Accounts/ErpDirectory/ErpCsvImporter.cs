using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Csv;

namespace Uhrwerk.Server.Modules.Accounts.ErpDirectory;

internal sealed class ErpCsvImporter(ErpImportKind kind, ErpDirectoryImport directory) : ICsvImporter
{
    public string Name => "erp-" + kind.ToString().ToLowerInvariant();
    public IReadOnlyList<string> Columns => ErpDirectoryImport.Columns[kind];
    public Permission Permission => Permission.ImportErpData;

    public Task<ImportResult> ImportAsync(Stream csv, IProgress<int>? progress, CancellationToken ct) => directory.ImportAsync(kind, csv, progress, ct);
}
